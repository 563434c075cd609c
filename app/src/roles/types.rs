use crate::permissions::BuiltinRole;
use serde::{Deserialize, Serialize};

/// A role as the Roles list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSummary {
    pub id: String,
    pub name: String,
    pub description: String,
    pub builtin: Option<BuiltinRole>,
    pub member_count: i64,
    pub permission_count: usize,
}

/// The Roles list of an account and what the caller may do there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RolesView {
    pub account_id: String,
    pub account_name: String,
    pub roles: Vec<RoleSummary>,
    /// The caller's effective permissions, by name: they shape what the page offers.
    pub caller_permissions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleMember {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
}

/// One role with its permissions and holders, for Role Details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDetails {
    pub account_id: String,
    pub account_name: String,
    pub role: RoleSummary,
    pub permissions: Vec<String>,
    /// Held names the catalogue no longer has: they grant nothing.
    pub undeclared: Vec<String>,
    pub members: Vec<RoleMember>,
    /// Pending invitations that carry this role (shown before a delete).
    pub invitation_count: i64,
    pub caller_permissions: Vec<String>,
}

impl RolesView {
    pub fn caller_may(&self, permission: crate::permissions::Permission) -> bool {
        self.caller_permissions
            .iter()
            .any(|p| p == permission.name())
    }
}

impl RoleDetails {
    pub fn caller_may(&self, permission: crate::permissions::Permission) -> bool {
        self.caller_permissions
            .iter()
            .any(|p| p == permission.name())
    }
}
