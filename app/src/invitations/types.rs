use serde::{Deserialize, Serialize};

/// A pending invitation as the account's admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: String,
    pub email: String,
    pub roles: Vec<String>,
    pub invited_by: String,
    pub sent_at: String,
    pub expires_at: String,
    /// What became of its latest mail.
    pub delivery: super::MailDelivery,
    /// Listed among the expired ones: its link no longer works.
    pub expired: bool,
    /// "expires in 2 days", "expired 3 days ago".
    pub expiry: String,
}

/// The pending invitations of an account (or of one role), and what the caller may do to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationsView {
    pub invitations: Vec<PendingInvitation>,
    pub may_resend: bool,
    pub may_revoke: bool,
    pub limit: u32,
    pub pending_in_account: u32,
    /// Invitations that expired lately (only for the whole account): offered again or removed.
    pub expired: Vec<PendingInvitation>,
    /// How many days expired invitations stay listed.
    pub expired_listed_days: u64,
    /// A link this browser just copied to hand over, shown once.
    pub handed_over: Option<HandedOverLink>,
}

/// A fresh invitation link, shown once to the inviter who asked for it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandedOverLink {
    pub invitation_id: String,
    pub email: String,
    pub link: String,
}

impl std::fmt::Debug for HandedOverLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HandedOverLink({}, <link>)", self.email)
    }
}

/// What happened to one address of an invite request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InviteOutcome {
    Invited,
    AlreadyMember,
    AlreadyInvited,
    InvalidAddress,
    LimitReached,
}

impl InviteOutcome {
    pub const ALL: [InviteOutcome; 5] = [
        Self::Invited,
        Self::AlreadyMember,
        Self::AlreadyInvited,
        Self::InvalidAddress,
        Self::LimitReached,
    ];

    /// A stable word for URLs and tests.
    pub fn key(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::AlreadyMember => "member",
            Self::AlreadyInvited => "pending",
            Self::InvalidAddress => "invalid",
            Self::LimitReached => "limit",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }

    pub fn describe(self, limit: u32) -> String {
        match self {
            Self::Invited => "Invited: an email with a link is on its way.".into(),
            Self::AlreadyMember => "Already a member of this account.".into(),
            Self::AlreadyInvited => {
                "Already invited: resend the pending invitation below to send a new link.".into()
            }
            Self::InvalidAddress => "Not a valid email address.".into(),
            Self::LimitReached => format!(
                "Not invited: this account already has {limit} pending invitations, the most it may hold. Revoke some, or wait until they are answered."
            ),
        }
    }
}

/// One line of the result of an invite request: the address as typed, and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteResult {
    pub email: String,
    pub outcome: InviteOutcome,
}

/// What the page behind an invitation link shows. Someone who is not signed in as the invitee
/// learns only that the link works or does not, never why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationLink {
    /// The link does not open a pending invitation (or not for the person asking).
    Unavailable { reason: Option<String> },
    /// A pending invitation, shown to anyone holding the link.
    Pending(InvitationSummary),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationSummary {
    pub invitation_id: String,
    pub account_name: String,
    pub invited_by: String,
    pub email: String,
    pub roles: Vec<String>,
    pub expires_at: String,
    /// The email of whoever is signed in, if anyone.
    pub signed_in_as: Option<String>,
}

impl InvitationSummary {
    pub fn for_signed_in_invitee(&self) -> bool {
        self.signed_in_as.as_deref() == Some(self.email.as_str())
    }
}

/// An invitation addressed to the signed-in user, as the banner shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BannerInvitation {
    pub id: String,
    pub account_name: String,
    pub invited_by: String,
    pub roles: Vec<String>,
    pub expires_at: String,
    /// Whether this browser has opened the invitation's link since its last (re)send: only then
    /// may it answer, because the address alone proves nothing until the link is followed.
    pub may_answer: bool,
}

impl BannerInvitation {
    /// An invitation this browser has not proven to be for it: that one waits, nothing more.
    pub fn undisclosed() -> Self {
        Self {
            id: String::new(),
            account_name: String::new(),
            invited_by: String::new(),
            roles: Vec::new(),
            expires_at: String::new(),
            may_answer: false,
        }
    }
}

/// A role an inviter may pick: every role but Base (implicit) and Owner (handed over, not
/// invited); `grantable` is false when it carries a permission the inviter does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleChoice {
    pub id: String,
    pub name: String,
    pub grantable: bool,
}
