use serde::{Deserialize, Serialize};

/// How a search result relates to the chosen role, and so which action it offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HitKind {
    /// A member who holds the role: nothing to do.
    Assigned,
    /// A member without the role: "Add to role".
    AddToRole,
    /// An address with a pending invitation.
    Invited,
    /// A typed address that is neither a member nor invited: "Invite" with the role.
    Invite,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: HitKind,
    /// The member's user id (empty for an invitation or an address to invite).
    pub user_id: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Whether the caller may act on hits (add to role, invite).
    pub may_add: bool,
    pub may_invite: bool,
}
