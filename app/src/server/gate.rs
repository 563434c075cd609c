use super::AppState;
use crate::auth::CurrentUser;
use crate::error::AppError;
use tower_sessions::Session;

/// Keys under which the session stores what it knows. Nothing secret is kept in a session.
pub struct SessionKeys;

impl SessionKeys {
    pub const USER_ID: &'static str = "user_id";
    pub const SIGNED_IN_AT: &'static str = "signed_in_at";
    pub const LAST_SEEN_AT: &'static str = "last_seen_at";
}

/// Refreshing the idle expiry on every request would write to the database on every request;
/// once a minute is precise enough, or sooner for an idle lifetime of under two minutes, so
/// that an active session never runs out between two touches.
const TOUCH_INTERVAL_SECS: i64 = 60;

fn touch_interval_secs(idle_lifetime: std::time::Duration) -> i64 {
    let half = i64::try_from(idle_lifetime.as_secs() / 2).unwrap_or(i64::MAX);
    TOUCH_INTERVAL_SECS.min(half).max(1)
}

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "no session layer in front of this request");
        AppError::Internal
    })
}

/// The signed-in user, read from the database on every call so that a deleted user or an ended
/// session loses access on the next request (read once per page). `None` when nobody is
/// signed in.
pub async fn signed_in_user() -> Result<Option<CurrentUser>, AppError> {
    super::PageReads::user(read_signed_in_user).await
}

async fn read_signed_in_user() -> Result<Option<CurrentUser>, AppError> {
    let state = AppState::from_context()?;
    let session = session().await?;
    let user_id: Option<String> = session
        .get(SessionKeys::USER_ID)
        .await
        .map_err(super::internal)?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    let now = chrono::Utc::now().timestamp();
    let signed_in_at: i64 = session
        .get(SessionKeys::SIGNED_IN_AT)
        .await
        .map_err(super::internal)?
        .unwrap_or(0);
    let lifetime = i64::try_from(state.auth.absolute_lifetime.as_secs()).unwrap_or(i64::MAX);
    if now.saturating_sub(signed_in_at) >= lifetime {
        session.flush().await.map_err(super::internal)?;
        return Ok(None);
    }
    let Some(user) = crate::auth::queries::find_user_by_id(&state.pool, &user_id).await? else {
        session.flush().await.map_err(super::internal)?;
        return Ok(None);
    };
    let last_seen_at: i64 = session
        .get(SessionKeys::LAST_SEEN_AT)
        .await
        .map_err(super::internal)?
        .unwrap_or(0);
    if now - last_seen_at >= touch_interval_secs(state.auth.idle_lifetime) {
        session
            .insert(SessionKeys::LAST_SEEN_AT, now)
            .await
            .map_err(super::internal)?;
    }
    Ok(Some(user))
}

/// The first step of every protected server function: who is asking?
pub async fn require_user() -> Result<CurrentUser, AppError> {
    signed_in_user().await?.ok_or(AppError::Unauthenticated)
}

/// Binds the session to `user_id` under a new session id, so that an id planted before sign-in
/// (session fixation) is worthless afterwards.
pub async fn start_session(session: &Session, user_id: &str) -> Result<(), AppError> {
    let now = chrono::Utc::now().timestamp();
    session.clear().await;
    session.cycle_id().await.map_err(super::internal)?;
    session
        .insert(SessionKeys::USER_ID, user_id)
        .await
        .map_err(super::internal)?;
    session
        .insert(SessionKeys::SIGNED_IN_AT, now)
        .await
        .map_err(super::internal)?;
    session
        .insert(SessionKeys::LAST_SEEN_AT, now)
        .await
        .map_err(super::internal)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::touch_interval_secs;
    use std::time::Duration;

    #[test]
    fn an_active_session_is_touched_before_a_short_idle_lifetime_runs_out() {
        assert_eq!(touch_interval_secs(Duration::from_secs(60)), 30);
        assert_eq!(touch_interval_secs(Duration::from_secs(12 * 3600)), 60);
        assert_eq!(touch_interval_secs(Duration::from_secs(1)), 1);
    }
}
