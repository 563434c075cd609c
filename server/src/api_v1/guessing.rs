//! Guessing keys: a client that keeps presenting keys that do not work is slowed down like a
//! password guesser. Each 401 to a request that carried a key takes one from its address's
//! allowance (`--api-requests-per-minute` ÷ 10); once spent, that address gets 429 with
//! `Retry-After` for every API request until the allowance is back.

use super::problem::Problem;
use app::error::AppError;
use app::server::ClientIp;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use dashmap::DashMap;
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Clone)]
pub struct KeyGuessing {
    misses: Arc<RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock>>,
    refused_until: Arc<DashMap<IpAddr, Instant>>,
    clock: DefaultClock,
}

impl KeyGuessing {
    /// `misses_per_minute` keys that do not work, from one address, before it waits.
    pub fn per_minute(misses_per_minute: u32) -> Self {
        let misses = NonZeroU32::new(misses_per_minute).unwrap_or(NonZeroU32::MIN);
        Self {
            misses: Arc::new(RateLimiter::keyed(Quota::per_minute(misses))),
            refused_until: Arc::new(DashMap::new()),
            clock: DefaultClock::default(),
        }
    }

    fn wait_for(&self, client: IpAddr) -> Option<Duration> {
        let until = *self.refused_until.get(&client)?;
        let now = Instant::now();
        if until > now {
            return Some(until - now);
        }
        self.refused_until.remove(&client);
        None
    }

    fn missed(&self, client: IpAddr) {
        if let Err(not_until) = self.misses.check_key(&client) {
            let wait = not_until.wait_time_from(self.clock.now());
            self.refused_until.insert(client, Instant::now() + wait);
        }
        // Addresses that stopped guessing are forgotten as their allowance refills.
        if self.refused_until.len() > 10_000 {
            let now = Instant::now();
            self.refused_until.retain(|_, until| *until > now);
            self.misses.retain_recent();
        }
    }
}

pub async fn slow_key_guessing(
    State(guessing): State<KeyGuessing>,
    request: Request,
    next: Next,
) -> Response {
    let client = request.extensions().get::<ClientIp>().map(|ip| ip.0);
    let presents_key = request.headers().contains_key(http::header::AUTHORIZATION);
    if let Some(client) = client
        && let Some(wait) = guessing.wait_for(client)
    {
        return Problem(AppError::TooManyRequests {
            message: "Too many requests with keys that do not work. Wait a moment.".into(),
            retry_after_secs: wait.as_secs().max(1),
        })
        .into_response();
    }
    let response = next.run(request).await;
    if let Some(client) = client
        && presents_key
        && response.status() == http::StatusCode::UNAUTHORIZED
    {
        guessing.missed(client);
    }
    response
}
