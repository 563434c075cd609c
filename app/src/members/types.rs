use crate::invitations::RoleChoice;
use serde::{Deserialize, Serialize};

/// One row of the members table: an active member, or a pending invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberListRow {
    /// A pending invitation rather than a member.
    pub pending: bool,
    /// The user's id, or the invitation's.
    pub id: String,
    pub name: String,
    pub email: String,
    pub roles: Vec<String>,
    pub role_ids: Vec<String>,
    pub is_owner: bool,
    /// Joined (members) or invited (pending), RFC 3339.
    pub since: String,
    /// Who sent a pending invitation.
    pub invited_by: Option<String>,
    /// When a pending invitation's link stops working, as a person says it ("expires in 2 days").
    pub expires: Option<String>,
    /// What became of a pending invitation's latest mail.
    pub delivery: Option<crate::invitations::MailDelivery>,
}

/// A page of the members table and what the caller may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersListing {
    pub rows: Vec<MemberListRow>,
    pub page: u32,
    pub pages: u32,
    pub total: u32,
    pub me: String,
    pub me_name: String,
    /// Whether the viewer has an authenticator app (handing over ownership asks for its code).
    #[serde(default)]
    pub me_has_authenticator: bool,
    pub i_am_owner: bool,
    pub caller_permissions: Vec<String>,
    /// The roles that can be given in the roles dialog.
    pub assignable: Vec<RoleChoice>,
    /// The account's live API keys by the member who made them (user id, key name; the name
    /// only for a viewer with `read:api_keys`): the removal and roles dialogs name them.
    pub keys_made: Vec<(String, String)>,
    /// The pending invitations (addresses) the member a dialog is open for sent here: the
    /// removal dialog names them, to be revoked with the removal or kept.
    pub invitations_sent: Vec<String>,
}

impl MembersListing {
    pub const PAGE_SIZE: u32 = 50;

    /// The live API keys `user_id` made here, as the dialogs name them.
    pub fn keys_made_by(&self, user_id: &str) -> Vec<String> {
        self.keys_made
            .iter()
            .filter(|(maker, _)| maker == user_id)
            .map(|(_, name)| name.clone())
            .collect()
    }

    pub fn caller_may(&self, permission: crate::permissions::Permission) -> bool {
        self.caller_permissions
            .iter()
            .any(|name| name == permission.name())
    }
}
