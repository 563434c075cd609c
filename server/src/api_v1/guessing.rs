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

    /// Forgets addresses whose allowance is back and whose wait is over, every minute (as the
    /// other throttles do), so that many addresses missing once each grow nothing for good. The
    /// task ends with the server.
    pub fn forget_idle(&self) {
        let misses = Arc::downgrade(&self.misses);
        let refused_until = Arc::downgrade(&self.refused_until);
        tokio::spawn(async move {
            let mut every_minute = tokio::time::interval(Duration::from_secs(60));
            loop {
                every_minute.tick().await;
                let (Some(misses), Some(refused_until)) =
                    (misses.upgrade(), refused_until.upgrade())
                else {
                    break;
                };
                forget(&misses, &refused_until);
            }
        });
    }

    fn missed(&self, client: IpAddr) {
        if let Err(not_until) = self.misses.check_key(&client) {
            let wait = not_until.wait_time_from(self.clock.now());
            self.refused_until.insert(client, Instant::now() + wait);
        }
    }
}

fn forget(
    misses: &RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock>,
    refused_until: &DashMap<IpAddr, Instant>,
) {
    let now = Instant::now();
    refused_until.retain(|_, until| *until > now);
    misses.retain_recent();
    misses.shrink_to_fit();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_addresses_missing_once_each_are_forgotten_once_refilled() {
        // One miss comes back every millisecond.
        let guessing = KeyGuessing::per_minute(60_000);
        for n in 0..10_000u32 {
            guessing.missed(IpAddr::from(n.to_be_bytes()));
        }
        std::thread::sleep(Duration::from_millis(20));
        forget(&guessing.misses, &guessing.refused_until);
        assert_eq!(guessing.misses.len(), 0);
    }

    #[test]
    fn an_address_past_its_misses_waits() {
        let guessing = KeyGuessing::per_minute(2);
        let client = IpAddr::from([192, 0, 2, 7]);
        for _ in 0..3 {
            guessing.missed(client);
        }
        assert!(guessing.wait_for(client).is_some());
        assert!(guessing.wait_for(IpAddr::from([192, 0, 2, 8])).is_none());
    }
}
