//! What an operator's Prometheus scrapes at `/metrics`: requests by route and status with their
//! latency, the database pools, the mail and webhook queues with their failures, and sign-in
//! throttling. Off unless `--metrics-token` is set, and then only for a request that presents
//! that token, because the figures say how the deployment is used.

use app::server::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    /// The route's pattern (`/accounts/{id}`), never the path itself: the label set stays small
    /// and holds no ids.
    route: String,
    /// One of the standard methods or `other`: a client may send any token as its method, and a
    /// label taken from it would grow memory without bound.
    method: &'static str,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    pool: &'static str,
    state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct QueueLabels {
    queue: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ThrottleLabels {
    reason: &'static str,
}

/// The process's metrics; cheap to clone (every part is shared).
#[derive(Clone)]
pub struct Metrics {
    registry: Arc<Registry>,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    pool_connections: Family<PoolLabels, Gauge>,
    queue_depth: Family<QueueLabels, Gauge>,
    /// Failed mail delivery attempts (the mail worker counts them).
    pub mail_failures: Counter,
    /// Failed webhook delivery attempts (the webhook worker counts them).
    pub webhook_failures: Counter,
    sign_in_refusals: Family<ThrottleLabels, Counter>,
    token_hash: Option<[u8; 32]>,
}

impl Metrics {
    /// `token`: what a scrape must present as `Authorization: Bearer …`; none turns `/metrics` off.
    pub fn new(token: Option<&str>) -> Self {
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            // 0.5 ms to about 8 s.
            Histogram::new(exponential_buckets(0.0005, 2.0, 15))
        });
        let pool_connections = Family::<PoolLabels, Gauge>::default();
        let queue_depth = Family::<QueueLabels, Gauge>::default();
        let mail_failures = Counter::default();
        let webhook_failures = Counter::default();
        let sign_in_refusals = Family::<ThrottleLabels, Counter>::default();
        let mut registry = Registry::with_prefix("roster");
        registry.register(
            "http_requests",
            "HTTP requests answered, by route pattern, method and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time from a request's arrival to its answer's headers, by route pattern",
            latency.clone(),
        );
        registry.register(
            "database_connections",
            "Connections of each database pool, open and idle",
            pool_connections.clone(),
        );
        registry.register(
            "queue_undelivered",
            "Mails and webhook deliveries waiting to go out (not delivered, not given up)",
            queue_depth.clone(),
        );
        registry.register(
            "mail_delivery_failures",
            "Failed attempts at delivering a mail",
            mail_failures.clone(),
        );
        registry.register(
            "webhook_delivery_failures",
            "Failed attempts at delivering a webhook",
            webhook_failures.clone(),
        );
        registry.register(
            "sign_in_throttled",
            "Sign-in attempts refused before any password was checked, by reason",
            sign_in_refusals.clone(),
        );
        Self {
            registry: Arc::new(registry),
            requests,
            latency,
            pool_connections,
            queue_depth,
            mail_failures,
            webhook_failures,
            sign_in_refusals,
            token_hash: token
                .filter(|token| !token.is_empty())
                .map(|token| Sha256::digest(token.as_bytes()).into()),
        }
    }

    fn record(&self, route: String, method: &'static str, status: u16, seconds: f64) {
        self.latency
            .get_or_create(&RouteLabels {
                route: route.clone(),
            })
            .observe(seconds);
        self.requests
            .get_or_create(&RequestLabels {
                route,
                method,
                status,
            })
            .inc();
    }

    /// Whether the request carries the scrape token (compared as hashes, so the time taken says
    /// nothing about how much of it was right).
    fn admits(&self, headers: &HeaderMap) -> bool {
        let Some(expected) = self.token_hash else {
            return false;
        };
        let presented = headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .unwrap_or_default();
        let presented: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        presented
            .iter()
            .zip(expected.iter())
            .fold(0u8, |differ, (a, b)| differ | (a ^ b))
            == 0
    }

    async fn refresh(&self, state: &AppState) -> Result<(), sqlx::Error> {
        for (name, pool) in [("read", &state.pool), ("write", &state.writer)] {
            let (open, idle) = pool.usage();
            let (open, idle) = (i64::from(open), i64::try_from(idle).unwrap_or(i64::MAX));
            self.pool_connections
                .get_or_create(&PoolLabels {
                    pool: name,
                    state: "open",
                })
                .set(open);
            self.pool_connections
                .get_or_create(&PoolLabels {
                    pool: name,
                    state: "idle",
                })
                .set(idle);
        }
        let mail = app::outbox::queries::undelivered(&state.pool).await?;
        let webhooks = app::webhooks::queries::undelivered(&state.pool).await?;
        self.queue_depth
            .get_or_create(&QueueLabels { queue: "mail" })
            .set(mail);
        self.queue_depth
            .get_or_create(&QueueLabels { queue: "webhooks" })
            .set(webhooks);
        // The throttle keeps its own running totals; the counters catch up with them here,
        // and only here, so they never run ahead or back.
        let refusals = state.sign_in_throttle.refusals();
        for (reason, total) in [
            ("address", refusals.for_address),
            ("client", refusals.for_client),
        ] {
            let counter = self
                .sign_in_refusals
                .get_or_create(&ThrottleLabels { reason });
            counter.inc_by(total.saturating_sub(counter.get()));
        }
        Ok(())
    }
}

/// The method's label: the standard methods by name, anything a client made up as `other`.
fn method_label(method: &http::Method) -> &'static str {
    use http::Method;
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::CONNECT => "CONNECT",
        Method::TRACE => "TRACE",
        _ => "other",
    }
}

/// Counts every request by the route pattern that answered it (`unmatched` for every path no
/// route knows) and its method's label, and times it. Nothing is kept while metrics are off.
pub async fn measure(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    if metrics.token_hash.is_none() {
        return next.run(request).await;
    }
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let method = method_label(request.method());
    let response = next.run(request).await;
    metrics.record(
        route,
        method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// `GET /metrics`: 404 when metrics are off, 401 without the token, else the text format.
pub async fn scrape(
    State((metrics, state)): State<(Metrics, AppState)>,
    headers: HeaderMap,
) -> Response {
    if metrics.token_hash.is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    if !metrics.admits(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "Present the metrics token as Authorization: Bearer <token>.\n",
        )
            .into_response();
    }
    if let Err(error) = metrics.refresh(&state).await {
        tracing::error!(%error, "reading the figures for /metrics failed");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let mut text = String::new();
    if let Err(error) = prometheus_client::encoding::text::encode(&mut text, &metrics.registry) {
        tracing::error!(%error, "encoding /metrics failed");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_up_method_is_counted_as_other() {
        let made_up = http::Method::from_bytes(b"FROBNICATE").unwrap();
        assert_eq!(method_label(&made_up), "other");
        assert_eq!(method_label(&http::Method::PATCH), "PATCH");
    }
}
