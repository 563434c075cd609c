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

/// How one attempt to deliver a mail ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailOutcome {
    /// The receiving server took it: its answer ("250 2.0.0 Ok: queued as 4F2A1"), or where
    /// the mail was written.
    Sent { receipt: String },
    /// It failed for now (a 4xx answer, a connection that broke); due again at `retry_at`.
    Deferred { reason: String, retry_at: String },
    /// It will not go: a 5xx answer, or the last attempt failed too.
    Failed { reason: String },
}
