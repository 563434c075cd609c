use super::bounce::BounceMailbox;
use super::{QueuedMail, Transport, build_message};
use app::db::Pool;
use app::outbox::MailOutcome;
use app::outbox::queries;
use app::server::rfc3339;
use lettre::message::Mailbox;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

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
    pub pool: Pool,
    pub transport: T,
    pub from: Mailbox,
    pub backoff: Backoff,
    pub wakeup: Arc<Notify>,
    /// How long a claimed mail stays this worker's alone; longer than any delivery takes.
    pub lease: Duration,
    /// The longest the worker sleeps when nothing wakes it.
    pub idle_poll: Duration,
    /// Counts every failed attempt, for the operator's metrics.
    pub failures: prometheus_client::metrics::counter::Counter,
    /// Where bounces return, when the operator set a bounce mailbox.
    pub bounces: Option<BounceMailbox>,
}

impl<T: Transport> OutboxWorker<T> {
    /// Tries every mail that is due once; returns how many were delivered.
    pub async fn deliver_due(&self) -> Result<usize, sqlx::Error> {
        let now = chrono::Utc::now();
        let lease_until = now + chrono::Duration::from_std(self.lease).unwrap_or_default();
        let lease_until = rfc3339(lease_until);
        let due = queries::claim_due(&self.pool, &rfc3339(now), &lease_until, 100).await?;
        let mut delivered = 0;
        for mail in due {
            // Each mail's claim is renewed as its turn comes, so that a slow batch (an SMTP
            // server that times out) never outlives it and lets another server send it too.
            let renewed_until = rfc3339(
                chrono::Utc::now() + chrono::Duration::from_std(self.lease).unwrap_or_default(),
            );
            if !queries::renew_lease(&self.pool, mail.id, &lease_until, &renewed_until).await? {
                tracing::info!(
                    outbox.id = mail.id,
                    "mail taken by another server meanwhile"
                );
                continue;
            }
            let attempt = match build_message(&self.from, &mail, self.bounces.as_ref()) {
                Ok(message) => self.transport.deliver(&message).await,
                Err(error) => Err(error),
            };
            let now = chrono::Utc::now();
            let attempts = mail.attempts + 1;
            let outcome = match attempt {
                Ok(receipt) => {
                    delivered += 1;
                    tracing::info!(outbox.id = mail.id, %receipt, "mail delivered");
                    MailOutcome::Sent { receipt }
                }
                Err(error) => {
                    self.failures.inc();
                    let failures = u32::try_from(attempts).unwrap_or(u32::MAX);
                    let reason = error.reason;
                    if error.permanent || failures >= self.backoff.max_attempts {
                        tracing::error!(outbox.id = mail.id, %reason, failures, "mail abandoned");
                        MailOutcome::Failed { reason }
                    } else {
                        let wait = self.backoff.after(failures);
                        tracing::warn!(outbox.id = mail.id, %reason, failures, retry_in = ?wait, "mail delivery failed");
                        let next = now + chrono::Duration::from_std(wait).unwrap_or_default();
                        MailOutcome::Deferred {
                            reason,
                            retry_at: rfc3339(next),
                        }
                    }
                }
            };
            self.record(&mail, attempts, &outcome, &rfc3339(now))
                .await?;
        }
        Ok(delivered)
    }

    /// Records the attempt on the mail and, when it carries an invitation, on the invitation's
    /// row (announcing a failure), in one transaction.
    async fn record(
        &self,
        mail: &QueuedMail,
        attempts: i64,
        outcome: &MailOutcome,
        now: &str,
    ) -> Result<(), sqlx::Error> {
        let mut tx = app::server::begin_write(&self.pool).await?;
        let still_waiting =
            queries::record_outcome(&mut tx, mail.id, attempts, outcome, now).await?;
        if still_waiting && let Some(invitation_id) = &mail.invitation_id {
            app::invitations::rules::follow_mail(&mut tx, invitation_id, outcome, now).await?;
        }
        tx.commit().await
    }

    /// How long until the next queued mail is due (at most the idle poll).
    async fn until_next_due(&self) -> Duration {
        let next = queries::next_due(&self.pool).await.unwrap_or(None);
        next.and_then(|next| chrono::DateTime::parse_from_rfc3339(&next).ok())
            .map(|next| {
                (next.with_timezone(&chrono::Utc) - chrono::Utc::now())
                    .to_std()
                    .unwrap_or(Duration::ZERO)
            })
            .unwrap_or(self.idle_poll)
            .min(self.idle_poll)
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
