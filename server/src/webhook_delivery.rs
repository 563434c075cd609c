//! Delivers queued webhook events after the transactions that queued them committed: one POST
//! per delivery, signed (`Roster-Signature`), to the addresses checked just before (never a
//! redirect), retried with a doubling wait after a failure or a non-2xx answer, each attempt's
//! status kept for the endpoint's log.

use crate::mail::Backoff;
use app::db::Pool;
use app::server::rfc3339;
use app::webhooks::address;
use app::webhooks::queries::{self, Attempt, DueDelivery};
use app::webhooks::signature;
use std::time::Duration;

pub struct WebhookWorker {
    pub pool: Pool,
    pub allow_private: bool,
    pub timeout: Duration,
    pub backoff: Backoff,
    /// How often the worker looks for new deliveries when none is waiting for a retry.
    pub poll: Duration,
    /// How long a claimed delivery stays this worker's alone; longer than `timeout`.
    pub lease: Duration,
    /// Counts every failed attempt, for the operator's metrics.
    pub failures: prometheus_client::metrics::counter::Counter,
}

/// What one attempt came to: the status, if an answer came, or why none did.
struct Outcome {
    status: Option<u16>,
    error: Option<String>,
}

impl WebhookWorker {
    /// Makes every delivery that is due once; returns how many were accepted.
    pub async fn deliver_due(&self) -> Result<usize, sqlx::Error> {
        let now = chrono::Utc::now();
        let lease_until = now + chrono::Duration::from_std(self.lease).unwrap_or_default();
        let due = queries::claim_due(&self.pool, &rfc3339(now), &rfc3339(lease_until), 50).await?;
        let mut accepted = 0;
        for delivery in due {
            let outcome = self.attempt(&delivery).await;
            let now = chrono::Utc::now();
            let attempt = match outcome {
                Outcome {
                    status: Some(status),
                    error: None,
                } => {
                    accepted += 1;
                    tracing::info!(webhook.delivery = delivery.id, status, "webhook delivered");
                    Attempt::Delivered { status }
                }
                Outcome { status, error } => {
                    self.failures.inc();
                    let failures = u32::try_from(delivery.attempts + 1).unwrap_or(u32::MAX);
                    let error = error.unwrap_or_else(|| {
                        format!("The endpoint answered {}.", status.unwrap_or_default())
                    });
                    let retry_at = (failures < self.backoff.max_attempts).then(|| {
                        let wait = self.backoff.after(failures);
                        rfc3339(now + chrono::Duration::from_std(wait).unwrap_or_default())
                    });
                    tracing::warn!(webhook.delivery = delivery.id, ?status, %error, failures, retry = retry_at.is_some(), "webhook delivery failed");
                    queries::record_attempt(
                        &self.pool,
                        delivery.id,
                        Attempt::Failed {
                            status,
                            error: &error,
                            retry_at: retry_at.as_deref(),
                        },
                        &rfc3339(now),
                    )
                    .await?;
                    continue;
                }
            };
            queries::record_attempt(&self.pool, delivery.id, attempt, &rfc3339(now)).await?;
        }
        Ok(accepted)
    }

    async fn attempt(&self, delivery: &DueDelivery) -> Outcome {
        let failed = |error: String| Outcome {
            status: None,
            error: Some(error),
        };
        let Ok(url) = address::parse(&delivery.url) else {
            return failed("The endpoint's address is no longer valid.".into());
        };
        let addresses = match address::resolve(&url, self.allow_private).await {
            Ok(addresses) => addresses,
            Err(message) => return failed(message),
        };
        let mut client = reqwest::Client::builder()
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Roster-Webhooks/", env!("CARGO_PKG_VERSION")));
        if let Some(host) = url.host_str() {
            client = client.resolve_to_addrs(host, &addresses);
        }
        let client = match client.build() {
            Ok(client) => client,
            Err(error) => return failed(error.to_string()),
        };
        let timestamp = chrono::Utc::now().timestamp();
        let body = delivery.payload.clone().into_bytes();
        let answer = client
            .post(url)
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(
                signature::HEADER,
                signature::sign(&delivery.secret, timestamp, &body),
            )
            .header("Roster-Event", &delivery.event)
            .header("Roster-Event-Id", &delivery.event_id)
            .body(body)
            .send()
            .await;
        match answer {
            Ok(response) => {
                let status = response.status();
                Outcome {
                    status: Some(status.as_u16()),
                    error: (!status.is_success())
                        .then(|| format!("The endpoint answered {}.", status.as_u16())),
                }
            }
            Err(error) if error.is_timeout() => failed(format!(
                "No answer within {} seconds.",
                self.timeout.as_secs()
            )),
            Err(error) if error.is_connect() => failed("Could not connect to the endpoint.".into()),
            Err(error) => failed(error.to_string()),
        }
    }

    /// How long until the next delivery is due (at most the poll interval).
    async fn until_next_due(&self) -> Duration {
        queries::next_due(&self.pool)
            .await
            .ok()
            .flatten()
            .and_then(|next| chrono::DateTime::parse_from_rfc3339(&next).ok())
            .map(|next| {
                (next.with_timezone(&chrono::Utc) - chrono::Utc::now())
                    .to_std()
                    .unwrap_or(Duration::ZERO)
            })
            .unwrap_or(self.poll)
            .min(self.poll)
    }

    /// Runs until the process ends.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                if let Err(error) = self.deliver_due().await {
                    tracing::error!(%error, "reading the webhook queue failed");
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    continue;
                }
                tokio::time::sleep(self.until_next_due().await.max(Duration::from_millis(50)))
                    .await;
            }
        })
    }
}
