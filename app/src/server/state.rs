use sqlx::SqlitePool;
use std::sync::Arc;
use std::time::Duration;

/// What every request handler and server function can reach, provided as Leptos context.
#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    pub auth: Arc<AuthSettings>,
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

impl AppState {
    pub fn from_context() -> Result<Self, crate::error::AppError> {
        leptos::prelude::use_context::<Self>().ok_or_else(|| {
            tracing::error!("AppState was not provided as context");
            crate::error::AppError::Internal
        })
    }
}
