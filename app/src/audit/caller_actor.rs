//! How the audit log names whoever came through a door.

use super::AuditActor;
use crate::access::{Actor, Caller};

impl Caller {
    /// The actor as the audit log records it.
    pub fn audit_actor(&self) -> AuditActor<'_> {
        match &self.actor {
            Actor::User(user) => AuditActor::User(&user.id),
            Actor::Key { id, name } => AuditActor::Key { id, name },
        }
    }
}
