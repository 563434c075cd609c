//! Mail waiting to go: queued in the same transaction as the change it tells of, delivered by
//! the server after commit (with retries).

#[cfg(feature = "ssr")]
pub mod queries;

/// A mail ready to be queued: both bodies say the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComposedMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}
