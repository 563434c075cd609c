use super::{HashingPool, SignInThrottle, SignUpThrottle};
use crate::db::Pool;
use std::sync::Arc;
use std::time::Duration;

/// What every request handler and server function can reach, provided as Leptos context.
#[derive(Clone)]
pub struct AppState {
    /// For reads (and the few writes that are one statement).
    pub pool: Pool,
    /// The one connection every write transaction (`begin_write`) runs on: writers wait their
    /// turn for it in order, instead of each taking a connection and sleeping in SQLite's busy
    /// handler until the write lock frees.
    pub writer: Pool,
    pub auth: Arc<AuthSettings>,
    pub invitations: Arc<InvitationSettings>,
    /// Woken after a transaction that queued mail commits, so that delivery starts at once.
    pub outbox: Arc<tokio::sync::Notify>,
    /// The only place passwords are hashed: a bounded number at a time.
    pub hashing: Arc<HashingPool>,
    pub sign_in_throttle: Arc<SignInThrottle>,
    pub sign_up_throttle: Arc<SignUpThrottle>,
    pub webhooks: Arc<WebhookSettings>,
    /// Roster as an OpenID provider: clients, lifetimes, keys.
    pub oauth: Arc<crate::oauth::OAuthSettings>,
}

#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// Whether endpoints may be on loopback or private networks (tests, closed networks).
    pub allow_private: bool,
    /// The most endpoints one account may have.
    pub endpoint_limit: u32,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            allow_private: false,
            endpoint_limit: 20,
        }
    }
}

#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// A session ends this long after its last request.
    pub idle_lifetime: Duration,
    /// A session ends this long after sign-in, however active it is.
    pub absolute_lifetime: Duration,
    /// How long a link to set a new password works.
    pub password_reset_lifetime: Duration,
    /// How long a link that verifies an address, or moves the user to a new one, works.
    pub address_link_lifetime: Duration,
    /// The least time between two verification mails to one user.
    pub verification_resend_interval: Duration,
    /// The most accounts one user may belong to (creating one past it is refused).
    pub accounts_per_user: u32,
    /// How long a new API key's secret waits, masked, for the page that shows it.
    pub new_key_handover: Duration,
    /// How long a sign-in that passed the password waits for its second factor.
    pub second_factor_within: Duration,
    /// How recently a user with a second factor must have given it for a change that cannot be
    /// taken back (step-up).
    pub step_up_within: Duration,
    /// The origin whose pages may use passkeys; its host is the WebAuthn relying party's id.
    pub passkey_origin: String,
    /// The most passkeys one user may register.
    pub passkeys_per_user: u32,
    /// Whether cookies are marked `Secure` (sent over HTTPS only).
    pub secure_cookies: bool,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            idle_lifetime: Duration::from_secs(12 * 3600),
            absolute_lifetime: Duration::from_secs(7 * 24 * 3600),
            password_reset_lifetime: Duration::from_secs(3600),
            address_link_lifetime: Duration::from_secs(24 * 3600),
            verification_resend_interval: Duration::from_secs(60),
            accounts_per_user: 100,
            new_key_handover: Duration::from_secs(600),
            second_factor_within: Duration::from_secs(300),
            step_up_within: Duration::from_secs(600),
            passkey_origin: "http://127.0.0.1:3000".into(),
            passkeys_per_user: 20,
            secure_cookies: false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct InvitationSettings {
    /// How long an invitation link works after it was (re)sent.
    pub lifetime: Duration,
    /// The most pending invitations one account may hold.
    pub pending_limit: u32,
    /// The address people use to reach Roster, without a trailing slash; links are built on it.
    pub public_url: String,
    /// How long before one invitation can be sent again.
    pub resend_cooldown: Duration,
    /// Invitation mails (new and resent) one account may send in an hour.
    pub mails_per_account_hour: u32,
    /// Invitation mails one user may send in an hour, over all their accounts.
    pub mails_per_user_hour: u32,
    /// How long after its mail went out an unanswered invitation gets its one reminder; zero
    /// sends none.
    pub remind_after: Duration,
    /// How long expired invitations stay listed, to be sent again or removed.
    pub expired_listed_for: Duration,
}

impl InvitationSettings {
    /// The earliest expiry still listed among the expired invitations, RFC 3339.
    pub fn expired_listed_since(&self) -> String {
        super::rfc3339(
            chrono::Utc::now()
                - chrono::Duration::from_std(self.expired_listed_for).unwrap_or_default(),
        )
    }
}

impl Default for InvitationSettings {
    fn default() -> Self {
        Self {
            lifetime: Duration::from_secs(72 * 3600),
            pending_limit: 50,
            public_url: "http://127.0.0.1:3000".into(),
            resend_cooldown: Duration::from_secs(10 * 60),
            mails_per_account_hour: 100,
            mails_per_user_hour: 200,
            remind_after: Duration::from_secs(48 * 3600),
            expired_listed_for: Duration::from_secs(30 * 24 * 3600),
        }
    }
}

impl AppState {
    pub fn from_context() -> Result<Self, crate::error::AppError> {
        leptos::prelude::use_context::<Self>().ok_or_else(|| {
            tracing::error!("AppState was not provided as context");
            crate::error::AppError::Internal
        })
    }
}
