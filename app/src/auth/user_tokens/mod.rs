//! Single-use links mailed to a user: setting a new password, verifying their address, moving
//! to a new address. One scheme with invitation links (`LinkToken`): 256 random bits in
//! the link, only their SHA-256 stored, an expiry, and the moment of use.

mod queries;

pub use queries::{holder, issue, last_sent_at, open_link_address, use_link, void_unused, works};

/// What a link is for; a link of one purpose never works for another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    PasswordReset,
    VerifyAddress,
    ChangeAddress,
}

impl TokenPurpose {
    pub fn name(self) -> &'static str {
        match self {
            Self::PasswordReset => "password_reset",
            Self::VerifyAddress => "verify_address",
            Self::ChangeAddress => "change_address",
        }
    }
}

/// Whom a link was sent to: the user, and the address it went to (none for a reset link).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LinkHolder {
    pub user_id: String,
    pub email: Option<String>,
}
