//! The append-only record of who changed what. Events are written in the transaction of the
//! change they describe, so that only committed changes are ever recorded.

mod action;
mod audit_log;
mod types;

pub use action::AuditAction;
pub use audit_log::*;
pub use types::*;

#[cfg(feature = "ssr")]
mod caller_actor;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub use queries::{AuditActor, AuditEvent, record, record_in_accounts_of};
