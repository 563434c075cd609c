use sqlx::SqlitePool;
use std::sync::Arc;
use std::time::Duration;

/// What every request handler and server function can reach, provided as Leptos context.
#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    pub auth: Arc<AuthSettings>,
    pub invitations: Arc<InvitationSettings>,
    /// Woken after a transaction that queued mail commits, so that delivery starts at once.
    pub outbox: Arc<tokio::sync::Notify>,
}

#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// A session ends this long after sign-in, however active it is.
    pub absolute_lifetime: Duration,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            absolute_lifetime: Duration::from_secs(7 * 24 * 3600),
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
}

impl Default for InvitationSettings {
    fn default() -> Self {
        Self {
            lifetime: Duration::from_secs(72 * 3600),
            pending_limit: 50,
            public_url: "http://127.0.0.1:3000".into(),
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
