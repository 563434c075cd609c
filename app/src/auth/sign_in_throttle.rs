//! Throttling of password guesses, per address and per client, with `governor`.
//!
//! Every attempt takes one cell from the address's bucket and one from the client's; a bucket
//! holds `attempts` cells and gets one back every `window ÷ attempts`. An attempt that finds a
//! bucket empty is refused before any hash is computed. A successful sign-in refills its
//! address's bucket, so only wrong passwords in a row count against an address.

use dashmap::DashMap;
use governor::clock::{Clock, DefaultClock};
use governor::nanos::Nanos;
use governor::state::keyed::{DefaultKeyedStateStore, ShrinkableKeyedStateStore};
use governor::state::{InMemoryState, StateStore};
use governor::{Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The per-address state, shared with the throttle so that a success can forget an address.
#[derive(Clone, Default)]
struct AddressStore(Arc<DashMap<String, InMemoryState>>);

impl StateStore for AddressStore {
    type Key = String;

    fn measure_and_replace<T, F, E>(&self, key: &String, f: F) -> Result<T, E>
    where
        F: Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
    {
        self.0.as_ref().measure_and_replace(key, f)
    }
}

impl ShrinkableKeyedStateStore<String> for AddressStore {
    fn retain_recent(&self, drop_below: Nanos) {
        self.0.as_ref().retain_recent(drop_below);
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

pub struct SignInThrottle {
    addresses: AddressStore,
    by_address: RateLimiter<String, AddressStore, DefaultClock>,
    by_client: RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock>,
    clock: DefaultClock,
    refused_for_address: AtomicU64,
    refused_for_client: AtomicU64,
}

/// How many attempts were refused since start, for the operator's metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusals {
    /// Too many wrong passwords in a row for one address.
    pub for_address: u64,
    /// Too many attempts from one client, whatever the addresses.
    pub for_client: u64,
}

/// Refused: try again after this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub Duration);

impl SignInThrottle {
    pub fn new(per_address: u32, per_client: u32, window: Duration) -> Self {
        let clock = DefaultClock::default();
        let addresses = AddressStore::default();
        Self {
            by_address: RateLimiter::new(
                quota(per_address, window),
                addresses.clone(),
                clock.clone(),
            ),
            by_client: RateLimiter::new(
                quota(per_client, window),
                DashMap::default(),
                clock.clone(),
            ),
            addresses,
            clock,
            refused_for_address: AtomicU64::new(0),
            refused_for_client: AtomicU64::new(0),
        }
    }

    /// Takes one attempt for `address` from `client`, or says how long to wait.
    pub fn admit(&self, address: &str, client: Option<IpAddr>) -> Result<(), RetryAfter> {
        if let Some(client) = client {
            self.by_client.check_key(&client).map_err(|not_until| {
                self.refused_for_client.fetch_add(1, Ordering::Relaxed);
                RetryAfter(not_until.wait_time_from(self.clock.now()))
            })?;
        }
        self.by_address
            .check_key(&address.to_owned())
            .map_err(|not_until| {
                self.refused_for_address.fetch_add(1, Ordering::Relaxed);
                RetryAfter(not_until.wait_time_from(self.clock.now()))
            })
    }

    pub fn refusals(&self) -> Refusals {
        Refusals {
            for_address: self.refused_for_address.load(Ordering::Relaxed),
            for_client: self.refused_for_client.load(Ordering::Relaxed),
        }
    }

    /// The right password: the address starts afresh.
    pub fn succeeded(&self, address: &str) {
        self.addresses.0.remove(address);
    }

    /// Forgets buckets that have refilled, so that the maps hold only recent guessers.
    pub fn forget_idle(&self) {
        self.by_address.retain_recent();
        self.by_client.retain_recent();
        self.by_address.shrink_to_fit();
        self.by_client.shrink_to_fit();
    }
}

fn quota(attempts: u32, window: Duration) -> Quota {
    let attempts = NonZeroU32::new(attempts).unwrap_or(NonZeroU32::MIN);
    let period = (window / attempts.get()).max(Duration::from_millis(1));
    Quota::with_period(period)
        .expect("the period is not zero")
        .allow_burst(attempts)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn the_attempt_after_the_allowed_ones_is_refused_with_a_wait() {
        let throttle = SignInThrottle::new(5, 100, HOUR);
        for _ in 0..5 {
            assert_eq!(throttle.admit("ada@example.org", None), Ok(()));
        }
        let RetryAfter(wait) = throttle.admit("ada@example.org", None).unwrap_err();
        assert!(wait > Duration::from_secs(60) && wait <= Duration::from_secs(12 * 60));
        assert_eq!(
            throttle.refusals(),
            Refusals {
                for_address: 1,
                for_client: 0
            }
        );
    }

    #[test]
    fn another_address_is_unaffected() {
        let throttle = SignInThrottle::new(2, 100, HOUR);
        throttle.admit("a@example.org", None).unwrap();
        throttle.admit("a@example.org", None).unwrap();
        assert!(throttle.admit("a@example.org", None).is_err());
        assert_eq!(throttle.admit("b@example.org", None), Ok(()));
    }

    #[test]
    fn a_success_gives_the_address_its_attempts_back() {
        let throttle = SignInThrottle::new(2, 100, HOUR);
        throttle.admit("a@example.org", None).unwrap();
        throttle.admit("a@example.org", None).unwrap();
        throttle.succeeded("a@example.org");
        assert_eq!(throttle.admit("a@example.org", None), Ok(()));
        assert_eq!(throttle.admit("a@example.org", None), Ok(()));
    }

    #[test]
    fn one_client_trying_many_addresses_is_refused_too() {
        let throttle = SignInThrottle::new(5, 3, HOUR);
        let client = Some(IpAddr::from([192, 0, 2, 1]));
        for n in 0..3 {
            throttle.admit(&format!("{n}@example.org"), client).unwrap();
        }
        assert!(throttle.admit("other@example.org", client).is_err());
        assert_eq!(
            throttle.admit("other@example.org", Some(IpAddr::from([192, 0, 2, 2]))),
            Ok(())
        );
    }
}
