//! The grant rule applied to giving a whole role.

use crate::access::Caller;
use crate::error::AppError;
use crate::roles::queries::StoredRole;

impl Caller {
    /// [`Caller::may_grant`] for giving a role (`doing`: "invite with", "give or take away"): a
    /// field error on `roles` naming the role.
    pub fn may_grant_role(&self, role: &StoredRole, doing: &str) -> Result<(), AppError> {
        self.may_grant(role.permissions.iter()).map_err(|_| {
            AppError::field(
                "roles",
                format!(
                    "You can only {doing} roles whose permissions you hold yourself; \u{201c}{}\u{201d} has some you do not.",
                    role.name
                ),
            )
        })
    }
}
