//! Throttling of password guesses, with `governor`, so that it slows an attacker without
//! locking the victim out.
//!
//! Every attempt takes one cell from the bucket of its address *from its client* and one from
//! the client's; a bucket holds `attempts` cells and gets one back every `window ÷ attempts`.
//! An attempt that finds one of these empty is refused before any hash is computed, so a
//! guesser locks out only themselves: the right password from another client still works. A
//! successful sign-in refills its own bucket. Guesses at one address from many clients draw on
//! the address's larger budget (`ADDRESS_BUDGET` times as many); once it is spent, each
//! attempt at that address waits `ADDRESS_DELAY` before its password is checked, whoever sends
//! it: slower guessing, no refusal. Password-reset requests have buckets of their own.

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

/// How many times the guesses of one client an address may take from all clients together
/// before each attempt at it is delayed.
const ADDRESS_BUDGET: u32 = 10;
/// The delay of an attempt at an address whose budget is spent.
pub const ADDRESS_DELAY: Duration = Duration::from_secs(2);

pub struct SignInThrottle {
    guessers: AddressStore,
    /// Keyed by address and client ([`guesser`]): refuses.
    by_guesser: RateLimiter<String, AddressStore, DefaultClock>,
    /// Keyed by address: delays.
    by_address: RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock>,
    by_client: RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock>,
    /// Password-reset requests, keyed by address and client.
    resets: RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock>,
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
        let guessers = AddressStore::default();
        Self {
            by_guesser: RateLimiter::new(
                quota(per_address, window),
                guessers.clone(),
                clock.clone(),
            ),
            by_address: RateLimiter::new(
                quota(per_address.saturating_mul(ADDRESS_BUDGET), window),
                DashMap::default(),
                clock.clone(),
            ),
            by_client: RateLimiter::new(
                quota(per_client, window),
                DashMap::default(),
                clock.clone(),
            ),
            resets: RateLimiter::new(
                quota(per_address, window),
                DashMap::default(),
                clock.clone(),
            ),
            guessers,
            clock,
            refused_for_address: AtomicU64::new(0),
            refused_for_client: AtomicU64::new(0),
        }
    }

    /// Takes one attempt for `address` from `client`: refused with how long to wait, or
    /// admitted with how long to wait before checking the password (zero unless the address's
    /// budget is spent).
    pub fn admit(&self, address: &str, client: Option<IpAddr>) -> Result<Duration, RetryAfter> {
        self.admit_client(client)?;
        self.by_guesser
            .check_key(&guesser(address, client))
            .map_err(|not_until| {
                self.refused_for_address.fetch_add(1, Ordering::Relaxed);
                RetryAfter(not_until.wait_time_from(self.clock.now()))
            })?;
        Ok(match self.by_address.check_key(&address.to_owned()) {
            Ok(()) => Duration::ZERO,
            Err(_) => ADDRESS_DELAY,
        })
    }

    /// [`SignInThrottle::admit`], then the wait it asks for: what the callers that check a
    /// password do.
    pub async fn admit_and_wait(
        &self,
        address: &str,
        client: Option<IpAddr>,
    ) -> Result<(), RetryAfter> {
        let delay = self.admit(address, client)?;
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        Ok(())
    }

    /// Takes one password-reset request for `address` from `client`, on their own budget: a
    /// guesser's wrong passwords never stop the victim asking for a reset.
    pub fn admit_reset(&self, address: &str, client: Option<IpAddr>) -> Result<(), RetryAfter> {
        self.admit_client(client)?;
        self.resets
            .check_key(&guesser(address, client))
            .map_err(|not_until| RetryAfter(not_until.wait_time_from(self.clock.now())))
    }

    fn admit_client(&self, client: Option<IpAddr>) -> Result<(), RetryAfter> {
        if let Some(client) = client {
            self.by_client.check_key(&client).map_err(|not_until| {
                self.refused_for_client.fetch_add(1, Ordering::Relaxed);
                RetryAfter(not_until.wait_time_from(self.clock.now()))
            })?;
        }
        Ok(())
    }

    pub fn refusals(&self) -> Refusals {
        Refusals {
            for_address: self.refused_for_address.load(Ordering::Relaxed),
            for_client: self.refused_for_client.load(Ordering::Relaxed),
        }
    }

    /// The right password: the address starts afresh from this client.
    pub fn succeeded(&self, address: &str, client: Option<IpAddr>) {
        self.guessers.0.remove(&guesser(address, client));
    }

    /// Forgets buckets that have refilled, so that the maps hold only recent guessers.
    pub fn forget_idle(&self) {
        self.by_guesser.retain_recent();
        self.by_address.retain_recent();
        self.by_client.retain_recent();
        self.resets.retain_recent();
        self.by_guesser.shrink_to_fit();
        self.by_address.shrink_to_fit();
        self.by_client.shrink_to_fit();
        self.resets.shrink_to_fit();
    }
}

/// The key of one client's guesses at one address.
fn guesser(address: &str, client: Option<IpAddr>) -> String {
    match client {
        Some(client) => format!("{address} {client}"),
        None => format!("{address} -"),
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
            assert_eq!(throttle.admit("ada@example.org", None), Ok(Duration::ZERO));
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
        assert_eq!(throttle.admit("b@example.org", None), Ok(Duration::ZERO));
    }

    #[test]
    fn a_success_gives_the_address_its_attempts_back() {
        let throttle = SignInThrottle::new(2, 100, HOUR);
        throttle.admit("a@example.org", None).unwrap();
        throttle.admit("a@example.org", None).unwrap();
        throttle.succeeded("a@example.org", None);
        assert_eq!(throttle.admit("a@example.org", None), Ok(Duration::ZERO));
        assert_eq!(throttle.admit("a@example.org", None), Ok(Duration::ZERO));
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
            Ok(Duration::ZERO)
        );
    }

    #[test]
    fn a_guesser_locks_out_only_themselves_and_the_victim_can_still_ask_for_a_reset() {
        let throttle = SignInThrottle::new(5, 100, HOUR);
        let (guesser, victim) = (
            Some(IpAddr::from([192, 0, 2, 66])),
            Some(IpAddr::from([198, 51, 100, 7])),
        );
        for _ in 0..5 {
            throttle.admit("ceo@example.org", guesser).unwrap();
        }
        assert!(throttle.admit("ceo@example.org", guesser).is_err());
        assert_eq!(
            throttle.admit("ceo@example.org", victim),
            Ok(Duration::ZERO)
        );
        assert_eq!(throttle.admit_reset("ceo@example.org", victim), Ok(()));
    }

    #[test]
    fn guesses_from_many_clients_slow_every_attempt_at_the_address_but_refuse_none() {
        let throttle = SignInThrottle::new(2, 100, HOUR);
        for n in 0..20u8 {
            let client = Some(IpAddr::from([203, 0, 113, n]));
            assert_eq!(
                throttle.admit("ceo@example.org", client),
                Ok(Duration::ZERO)
            );
        }
        let victim = Some(IpAddr::from([198, 51, 100, 7]));
        assert_eq!(throttle.admit("ceo@example.org", victim), Ok(ADDRESS_DELAY));
        assert_eq!(
            throttle.admit("cfo@example.org", victim),
            Ok(Duration::ZERO)
        );
    }
}
