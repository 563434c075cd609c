use super::{Transport, build_message};
use lettre::message::Mailbox;
use sqlx::SqlitePool;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// A mail waiting in the outbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueuedMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attempts: i64,
}

/// When to try again after a failure: `first`, then doubling up to `max`; after
/// `max_attempts` failures the mail is abandoned (and logged as an error).
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
    pub max_attempts: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(5),
            max: Duration::from_secs(3600),
            max_attempts: 12,
        }
    }
}

impl Backoff {
    /// The wait after the `failures`-th failure.
    pub fn after(&self, failures: u32) -> Duration {
        let factor = 2u32.saturating_pow(failures.saturating_sub(1));
        self.first.saturating_mul(factor).min(self.max)
    }
}

/// Delivers what the outbox holds, after the transactions that queued it committed.
pub struct OutboxWorker<T> {
    pub pool: SqlitePool,
    pub transport: T,
    pub from: Mailbox,
    pub backoff: Backoff,
    pub wakeup: Arc<Notify>,
}

/// The longest the worker sleeps when nothing wakes it.
const IDLE_POLL: Duration = Duration::from_secs(60);

fn rfc3339(time: chrono::DateTime<chrono::Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl<T: Transport> OutboxWorker<T> {
    /// Tries every mail that is due once; returns how many were delivered.
    pub async fn deliver_due(&self) -> Result<usize, sqlx::Error> {
        let now = rfc3339(chrono::Utc::now());
        let due: Vec<QueuedMail> = sqlx::query_as(
            "SELECT id, recipient, subject, text_body, html_body, attempts FROM outbox
             WHERE sent_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= ?
             ORDER BY id LIMIT 100",
        )
        .bind(&now)
        .fetch_all(&self.pool)
        .await?;
        let mut delivered = 0;
        for mail in due {
            let outcome = match build_message(&self.from, &mail) {
                Ok(message) => self.transport.deliver(&message).await,
                Err(error) => Err(error),
            };
            let now = chrono::Utc::now();
            match outcome {
                Ok(()) => {
                    delivered += 1;
                    tracing::info!(outbox.id = mail.id, "mail delivered");
                    // The bodies hold the invitation link: not kept once delivered.
                    sqlx::query(
                        "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL,
                                text_body = '', html_body = ''
                         WHERE id = ?",
                    )
                    .bind(rfc3339(now))
                    .bind(mail.id)
                    .execute(&self.pool)
                    .await?;
                }
                Err(error) => {
                    let failures = u32::try_from(mail.attempts + 1).unwrap_or(u32::MAX);
                    if failures >= self.backoff.max_attempts {
                        tracing::error!(outbox.id = mail.id, %error, failures, "mail abandoned");
                        sqlx::query(
                            "UPDATE outbox SET abandoned_at = ?, attempts = ?, last_error = ?,
                                    text_body = '', html_body = ''
                             WHERE id = ?",
                        )
                        .bind(rfc3339(now))
                        .bind(i64::from(failures))
                        .bind(error.to_string())
                        .bind(mail.id)
                        .execute(&self.pool)
                        .await?;
                    } else {
                        let wait = self.backoff.after(failures);
                        tracing::warn!(outbox.id = mail.id, %error, failures, retry_in = ?wait, "mail delivery failed");
                        let next = now + chrono::Duration::from_std(wait).unwrap_or_default();
                        sqlx::query(
                            "UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                        )
                        .bind(i64::from(failures))
                        .bind(error.to_string())
                        .bind(rfc3339(next))
                        .bind(mail.id)
                        .execute(&self.pool)
                        .await?;
                    }
                }
            }
        }
        Ok(delivered)
    }

    /// How long until the next queued mail is due (at most [`IDLE_POLL`]).
    async fn until_next_due(&self) -> Duration {
        let next: Option<String> = sqlx::query_scalar(
            "SELECT min(next_attempt_at) FROM outbox WHERE sent_at IS NULL AND abandoned_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await
        .unwrap_or(None);
        next.and_then(|next| chrono::DateTime::parse_from_rfc3339(&next).ok())
            .map(|next| {
                (next.with_timezone(&chrono::Utc) - chrono::Utc::now())
                    .to_std()
                    .unwrap_or(Duration::ZERO)
            })
            .unwrap_or(IDLE_POLL)
            .min(IDLE_POLL)
    }

    /// Runs until the process ends: delivers what is due, then sleeps until woken by a commit
    /// that queued mail, or until the next retry is due.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                if let Err(error) = self.deliver_due().await {
                    tracing::error!(%error, "reading the outbox failed");
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    continue;
                }
                let wait = self.until_next_due().await;
                if wait.is_zero() {
                    continue;
                }
                tokio::select! {
                    () = self.wakeup.notified() => {}
                    () = tokio::time::sleep(wait) => {}
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_after_each_failure_up_to_the_maximum() {
        let backoff = Backoff {
            first: Duration::from_secs(5),
            max: Duration::from_secs(60),
            max_attempts: 10,
        };
        assert_eq!(backoff.after(1), Duration::from_secs(5));
        assert_eq!(backoff.after(2), Duration::from_secs(10));
        assert_eq!(backoff.after(3), Duration::from_secs(20));
        assert_eq!(backoff.after(5), Duration::from_secs(60));
        assert_eq!(backoff.after(40), Duration::from_secs(60));
    }
}
