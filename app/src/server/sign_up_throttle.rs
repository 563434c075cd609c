//! Throttling of sign-ups: each makes an unverified user and mails a link to an address of the
//! client's choosing, so one client may make only so many an hour, and all clients together
//! only so many unverified users (and their mails) an hour.

use super::RetryAfter;
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

const HOUR: Duration = Duration::from_secs(3600);

pub struct SignUpThrottle {
    by_client: RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock>,
    everyone: RateLimiter<NotKeyed, InMemoryState, DefaultClock>,
    clock: DefaultClock,
}

impl SignUpThrottle {
    /// `per_client` sign-ups an hour from one client, `overall` from all clients together.
    pub fn new(per_client: u32, overall: u32) -> Self {
        let clock = DefaultClock::default();
        Self {
            by_client: RateLimiter::new(
                hourly(per_client),
                DefaultKeyedStateStore::default(),
                clock.clone(),
            ),
            everyone: RateLimiter::direct_with_clock(hourly(overall), clock.clone()),
            clock,
        }
    }

    /// Takes one sign-up from `client`, or says how long to wait.
    pub fn admit(&self, client: Option<IpAddr>) -> Result<(), RetryAfter> {
        let wait = |not_until: governor::NotUntil<_>| {
            RetryAfter(not_until.wait_time_from(self.clock.now()))
        };
        if let Some(client) = client {
            self.by_client.check_key(&client).map_err(wait)?;
        }
        self.everyone.check().map_err(wait)
    }

    /// Forgets clients whose allowance has refilled.
    pub fn forget_idle(&self) {
        self.by_client.retain_recent();
        self.by_client.shrink_to_fit();
    }
}

fn hourly(count: u32) -> Quota {
    let count = NonZeroU32::new(count).unwrap_or(NonZeroU32::MIN);
    Quota::with_period((HOUR / count.get()).max(Duration::from_millis(1)))
        .expect("the period is not zero")
        .allow_burst(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_client_makes_only_its_share_and_all_together_only_the_overall_one() {
        let throttle = SignUpThrottle::new(2, 3);
        let (a, b, c) = (
            Some(IpAddr::from([192, 0, 2, 1])),
            Some(IpAddr::from([192, 0, 2, 2])),
            Some(IpAddr::from([192, 0, 2, 3])),
        );
        assert!(throttle.admit(a).is_ok());
        assert!(throttle.admit(a).is_ok());
        let RetryAfter(wait) = throttle.admit(a).unwrap_err();
        assert!(wait > Duration::from_secs(60));
        assert!(throttle.admit(b).is_ok());
        assert!(throttle.admit(c).is_err(), "the overall allowance is spent");
    }
}
