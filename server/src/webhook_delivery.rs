//! Delivers queued webhook events after the transactions that queued them committed: one POST
//! per delivery, signed (`Roster-Signature`), to the addresses checked just before (never a
//! redirect), retried with a doubling wait after a failure or a non-2xx answer, each attempt's
//! status kept for the endpoint's log.

use crate::mail::Backoff;
use app::db::Pool;
use app::server::rfc3339;
use app::webhooks::WebhookEvent;
use app::webhooks::address;
use app::webhooks::queries::{self, Attempt, DueDelivery};
use app::webhooks::signature;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, Notify};

pub struct WebhookWorker {
    pub pool: Pool,
    pub allow_private: bool,
    pub timeout: Duration,
    pub backoff: Backoff,
    /// How often the worker looks for new deliveries when none is waiting for a retry.
    pub poll: Duration,
    /// How long a claimed delivery stays this worker's alone; longer than `timeout`. Renewed
    /// just before each attempt, so that a long wait for a free slot never lets it go twice.
    pub lease: Duration,
    /// Deliveries in flight at once (at most one per endpoint).
    pub concurrency: usize,
    /// Failed attempts in a row after which an endpoint is paused (and its maker told).
    pub pause_after: u32,
    /// Where people reach Roster, for the link in the mail about a paused endpoint.
    pub public_url: String,
    /// Woken when a mail is queued (the paused endpoint's notice).
    pub mail_wakeup: Arc<Notify>,
    /// Counts every failed attempt, for the operator's metrics.
    pub failures: prometheus_client::metrics::counter::Counter,
}

/// What one attempt came to: the status, if an answer came, or why none did.
struct Outcome {
    status: Option<u16>,
    error: Option<String>,
}

/// The endpoints whose delivery is in flight in this process, and a signal when one lands.
#[derive(Default)]
struct InFlight {
    endpoints: Mutex<HashSet<String>>,
    landed: Notify,
}

impl WebhookWorker {
    fn lease_from(&self, now: chrono::DateTime<chrono::Utc>) -> String {
        rfc3339(now + chrono::Duration::from_std(self.lease).unwrap_or_default())
    }

    /// Makes one delivery (its claim renewed first) and records how it went.
    async fn deliver(&self, delivery: DueDelivery) -> Result<(), sqlx::Error> {
        let lease_until = self.lease_from(chrono::Utc::now());
        if !queries::renew_lease(
            &self.pool,
            delivery.id,
            &delivery.next_attempt_at,
            &lease_until,
        )
        .await?
        {
            return Ok(());
        }
        if let Some(reason) = self.withheld_because(&delivery).await? {
            tracing::info!(webhook.delivery = delivery.id, %reason, "webhook delivery withheld");
            let attempt = Attempt::Failed {
                status: None,
                error: &reason,
                retry_at: None,
            };
            let now = rfc3339(chrono::Utc::now());
            queries::record_attempt(&self.pool, delivery.id, attempt, &now).await?;
            return Ok(());
        }
        let outcome = self.attempt(&delivery).await;
        let now = chrono::Utc::now();
        match outcome {
            Outcome {
                status: Some(status),
                error: None,
            } => {
                tracing::info!(webhook.delivery = delivery.id, status, "webhook delivered");
                let attempt = Attempt::Delivered { status };
                queries::record_attempt(&self.pool, delivery.id, attempt, &rfc3339(now)).await?;
                self.count(delivery.id, None).await?;
                Ok(())
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
                let attempt = Attempt::Failed {
                    status,
                    error: &error,
                    retry_at: retry_at.as_deref(),
                };
                queries::record_attempt(&self.pool, delivery.id, attempt, &rfc3339(now)).await?;
                self.count(delivery.id, Some(&error)).await?;
                Ok(())
            }
        }
    }

    /// Counts the attempt against its endpoint; when that pauses it, tells the member who
    /// added it by mail.
    async fn count(&self, delivery_id: i64, failed: Option<&str>) -> Result<(), sqlx::Error> {
        let now = rfc3339(chrono::Utc::now());
        let Some(paused) =
            queries::count_attempt(&self.pool, delivery_id, failed, self.pause_after, &now).await?
        else {
            return Ok(());
        };
        tracing::warn!(webhook.url = %paused.url, "webhook endpoint paused after failures in a row");
        let Some(maker) = paused.maker_email else {
            return Ok(());
        };
        let page = format!(
            "{}/accounts/{}/webhooks",
            self.public_url, paused.account_id
        );
        let reason = format!(
            "{} deliveries in a row failed (the last: {}).",
            self.pause_after,
            failed.unwrap_or_default()
        );
        let notice = app::webhooks::paused_mail::paused_notice(
            &paused.url,
            &paused.account_name,
            &reason,
            &page,
        );
        let mut conn = self.pool.acquire().await?;
        app::outbox::queries::enqueue(&mut conn, None, &maker, &notice, &now).await?;
        self.mail_wakeup.notify_one();
        Ok(())
    }

    /// Why the delivery must not go out: its endpoint's maker left, or can no longer read what
    /// the event says.
    async fn withheld_because(
        &self,
        delivery: &DueDelivery,
    ) -> Result<Option<String>, sqlx::Error> {
        let Some(event) = WebhookEvent::from_name(&delivery.event) else {
            return Ok(Some(
                "Not sent: Roster no longer knows this event.".to_owned(),
            ));
        };
        let mut conn = self.pool.acquire().await?;
        app::webhooks::rules::withheld_because(
            &mut conn,
            &delivery.account_id,
            delivery.created_by.as_deref(),
            event,
        )
        .await
    }

    /// Claims as many due deliveries as there are free slots, none for an endpoint in flight.
    async fn claim_more(&self, in_flight: &InFlight) -> Result<Vec<DueDelivery>, sqlx::Error> {
        let busy: Vec<String> = in_flight.endpoints.lock().await.iter().cloned().collect();
        let free = self.concurrency.saturating_sub(busy.len());
        if free == 0 {
            return Ok(Vec::new());
        }
        let now = chrono::Utc::now();
        let claimed = queries::claim_due(
            &self.pool,
            &rfc3339(now),
            &self.lease_from(now),
            u32::try_from(free).unwrap_or(u32::MAX),
            &busy,
        )
        .await?;
        let mut endpoints = in_flight.endpoints.lock().await;
        endpoints.extend(claimed.iter().map(|delivery| delivery.endpoint_id.clone()));
        Ok(claimed)
    }

    /// Makes the delivery, then frees its endpoint's slot and wakes the loop that fills slots.
    async fn deliver_in_slot(self: Arc<Self>, delivery: DueDelivery, in_flight: Arc<InFlight>) {
        let endpoint = delivery.endpoint_id.clone();
        if let Err(error) = self.deliver(delivery).await {
            tracing::error!(%error, "recording a webhook delivery failed");
        }
        in_flight.endpoints.lock().await.remove(&endpoint);
        in_flight.landed.notify_one();
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
        // No proxy, whatever HTTPS_PROXY says: the connection must go to the addresses just
        // checked, not to a proxy that would resolve the name again.
        let mut client = reqwest::Client::builder()
            .no_proxy()
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

    /// Runs until the process ends: a slot that frees up is filled at once with the next
    /// endpoint's due delivery, so a slow endpoint holds up only its own.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        let worker = Arc::new(self);
        tokio::spawn(async move {
            let in_flight = Arc::new(InFlight::default());
            loop {
                let claimed = match worker.claim_more(&in_flight).await {
                    Ok(claimed) => claimed,
                    Err(error) => {
                        tracing::error!(%error, "reading the webhook queue failed");
                        tokio::time::sleep(Duration::from_secs(5)).await;
                        continue;
                    }
                };
                let idle = claimed.is_empty();
                for delivery in claimed {
                    tokio::spawn(worker.clone().deliver_in_slot(delivery, in_flight.clone()));
                }
                if idle {
                    let wait = worker.until_next_due().await.max(Duration::from_millis(50));
                    let _ = tokio::time::timeout(wait, in_flight.landed.notified()).await;
                }
            }
        })
    }
}
