//! A fixed set of threads that hash passwords, and a gate in front of them.
//!
//! Argon2 takes 19 MiB and a core for each hash. Run on the runtime's blocking pool, a flood of
//! sign-ins starts hundreds at once (64 concurrent sign-ins took the server to 6 GB, and the
//! allocator kept most of it). Here at most `slots` hashes run at a time, each on one of `slots`
//! long-lived threads; a sign-in that finds every slot busy waits up to `wait`, then is told to
//! come back ([`AppError::Busy`]).

use super::passwords;
use crate::domain::Password;
use crate::error::AppError;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

type Job = Box<dyn FnOnce() + Send>;

/// What the pool has done, for tests and benchmarks.
#[derive(Debug, Default)]
pub struct HashingStats {
    /// Hashes computed (a verification counts as one).
    pub computed: AtomicU64,
    in_flight: AtomicUsize,
    /// The most hashes that ever ran at the same moment.
    pub peak_in_flight: AtomicUsize,
}

pub struct HashingPool {
    slots: Arc<Semaphore>,
    wait: Duration,
    jobs: mpsc::Sender<Job>,
    pub stats: Arc<HashingStats>,
}

impl HashingPool {
    /// Starts `slots` hashing threads; they end when the pool is dropped.
    pub fn start(slots: usize, wait: Duration) -> Self {
        let slots = slots.max(1);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for index in 0..slots {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("password-hash-{index}"))
                .spawn(move || {
                    loop {
                        let next = queue.lock().map(|queue| queue.recv());
                        match next {
                            Ok(Ok(job)) => job(),
                            _ => break,
                        }
                    }
                })
                .expect("a hashing thread starts");
        }
        Self {
            slots: Arc::new(Semaphore::new(slots)),
            wait,
            jobs,
            stats: Arc::default(),
        }
    }

    pub async fn hash(&self, password: Password) -> Result<String, AppError> {
        self.run(move || passwords::hash_blocking(&password))
            .await?
            .ok_or(AppError::Internal)
    }

    /// True when `password` matches `stored_hash` (`None`: an unknown user, checked against a
    /// decoy so that it takes as long).
    pub async fn verify(
        &self,
        password: String,
        stored_hash: Option<String>,
    ) -> Result<bool, AppError> {
        self.run(move || passwords::verify_blocking(&password, stored_hash.as_deref()))
            .await
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let permit = self.slot().await?;
        let stats = self.stats.clone();
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            // The permit is released when the hash is done, even if the caller gave up waiting.
            let _permit: OwnedSemaphorePermit = permit;
            let running = stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            stats.peak_in_flight.fetch_max(running, Ordering::SeqCst);
            let outcome = work();
            stats.computed.fetch_add(1, Ordering::SeqCst);
            stats.in_flight.fetch_sub(1, Ordering::SeqCst);
            let _ = answer.send(outcome);
        });
        self.jobs.send(job).map_err(|_| {
            tracing::error!("the password hashing threads have stopped");
            AppError::Internal
        })?;
        answered.await.map_err(|_| {
            tracing::error!("a password hashing job ended without an answer");
            AppError::Internal
        })
    }

    async fn slot(&self) -> Result<OwnedSemaphorePermit, AppError> {
        match tokio::time::timeout(self.wait, self.slots.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_)) => Err(AppError::Internal),
            Err(_) => {
                tracing::warn!("every password hashing slot stayed busy: sign-in refused");
                Err(AppError::Busy {
                    retry_after_secs: 2,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn never_more_hashes_run_at_once_than_there_are_slots() {
        let pool = Arc::new(HashingPool::start(2, Duration::from_secs(60)));
        let hash = pool
            .hash(Password::parse("correct horse").unwrap())
            .await
            .unwrap();
        let checks: Vec<_> = (0..12)
            .map(|_| {
                let pool = pool.clone();
                let hash = hash.clone();
                tokio::spawn(async move { pool.verify("correct horse".into(), Some(hash)).await })
            })
            .collect();
        for check in checks {
            assert!(check.await.unwrap().unwrap());
        }
        assert_eq!(pool.stats.computed.load(Ordering::SeqCst), 13);
        assert!(pool.stats.peak_in_flight.load(Ordering::SeqCst) <= 2);
    }

    #[tokio::test]
    async fn a_caller_who_finds_every_slot_busy_for_too_long_is_told_to_come_back() {
        let pool = HashingPool::start(1, Duration::from_millis(1));
        let _held = pool.slots.clone().acquire_owned().await.unwrap();
        let refused = pool.verify("x".into(), None).await;
        assert_eq!(
            refused,
            Err(AppError::Busy {
                retry_after_secs: 2
            })
        );
    }
}
