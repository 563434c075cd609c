use serde::{Deserialize, Serialize};

/// One account in the list of accounts a user belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: String,
    pub name: String,
    pub is_owner: bool,
}

/// An account as its members see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: String,
    pub name: String,
    /// The caller's own membership (a list of one, shown to a member without `read:users`).
    pub members: Vec<MemberRow>,
    /// What the caller may do here, by permission name: pages show only the allowed actions.
    pub caller_permissions: Vec<String>,
    /// Who may remove members, the caller aside: named to a member who wants to leave.
    pub removers: Vec<String>,
}

impl AccountView {
    pub fn caller_may(&self, permission: crate::permissions::Permission) -> bool {
        self.caller_permissions
            .iter()
            .any(|name| name == permission.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<String>,
    pub is_owner: bool,
}

/// An account's settings as a member sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSettingsView {
    pub id: String,
    pub name: String,
    /// What a deletion would remove (only counted for those who may delete).
    pub members: u32,
    pub invitations: u32,
    pub may_rename: bool,
    pub may_delete: bool,
    /// Whether a second factor is required, and who is not ready.
    pub second_factor: crate::second_factor::policy::SecondFactorPolicy,
}
