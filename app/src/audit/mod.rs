//! The append-only record of who changed what. Events are written in the transaction of the
//! change they describe, so that only committed changes are ever recorded.

#[cfg(feature = "ssr")]
mod record;
#[cfg(feature = "ssr")]
pub use record::{AuditEvent, record};
