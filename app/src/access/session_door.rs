//! The door of a browser: its session says which user is signed in (read from the database on
//! every request, so a deleted user or an ended session is out at once); signing in binds a
//! new session to the user.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::server::{AppState, internal, now_rfc3339};
use tower_sessions::Session;

/// Keys under which the session stores what it knows. Nothing secret is kept in a session.
pub struct SessionKeys;

impl SessionKeys {
    pub const USER_ID: &'static str = "user_id";
    pub const SIGNED_IN_AT: &'static str = "signed_in_at";
    pub const LAST_SEEN_AT: &'static str = "last_seen_at";
    /// The session's row in `user_sessions`: gone means signed out.
    pub const ROW: &'static str = "session_row";
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
    Ok(signed_in_user_with(&state, &session)
        .await?
        .map(|(user, _)| user))
}

/// The signed-in user of `session` and their session's row, for a handler outside Leptos (the
/// OpenID provider's endpoints). The same checks as every page's.
pub async fn signed_in_user_with(
    state: &AppState,
    session: &Session,
) -> Result<Option<(CurrentUser, String)>, AppError> {
    let user_id: Option<String> = session.get(SessionKeys::USER_ID).await.map_err(internal)?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    let now = chrono::Utc::now().timestamp();
    let signed_in_at: i64 = session
        .get(SessionKeys::SIGNED_IN_AT)
        .await
        .map_err(internal)?
        .unwrap_or(0);
    let lifetime = i64::try_from(state.auth.absolute_lifetime.as_secs()).unwrap_or(i64::MAX);
    if now.saturating_sub(signed_in_at) >= lifetime {
        session.flush().await.map_err(internal)?;
        return Ok(None);
    }
    let row: Option<String> = session.get(SessionKeys::ROW).await.map_err(internal)?;
    let user = match &row {
        Some(row) => {
            crate::auth::sessions_queries::signed_in_user(&state.pool, row, &user_id).await?
        }
        None => None,
    };
    // A deleted user, or a session ended from elsewhere (the profile, a password change).
    let (Some(user), Some(row)) = (user, row) else {
        session.flush().await.map_err(internal)?;
        return Ok(None);
    };
    let last_seen_at: i64 = session
        .get(SessionKeys::LAST_SEEN_AT)
        .await
        .map_err(internal)?
        .unwrap_or(0);
    if now - last_seen_at >= touch_interval_secs(state.auth.idle_lifetime) {
        session
            .insert(SessionKeys::LAST_SEEN_AT, now)
            .await
            .map_err(internal)?;
        crate::auth::sessions_queries::touch(&state.writer, &row, &now_rfc3339()).await?;
    }
    Ok(Some((user, row)))
}

/// The first step of every protected server function: who is asking?
pub async fn require_user() -> Result<CurrentUser, AppError> {
    signed_in_user().await?.ok_or(AppError::Unauthenticated)
}

/// Binds the session to `user_id` under a new session id, so that an id planted before sign-in
/// (session fixation) is worthless afterwards. `factors` say how the person proved who they
/// are; the session's row keeps them.
pub async fn start_session(
    session: &Session,
    user_id: &str,
    factors: &[crate::auth::Factor],
) -> Result<(), AppError> {
    let state = AppState::from_context()?;
    let now = chrono::Utc::now().timestamp();
    // Signing in again in the same browser replaces its earlier session, row and all.
    end_session_row(session).await?;
    session.clear().await;
    session.cycle_id().await.map_err(internal)?;
    let user_agent = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::USER_AGENT)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let ip = crate::server::client_ip()
        .map(|ip| ip.to_string())
        .unwrap_or_default();
    let client = crate::auth::sessions_queries::Client {
        user_agent: &user_agent,
        ip: &ip,
    };
    let started_at = now_rfc3339();
    let made_by = crate::auth::sessions_queries::MadeBy {
        factors: &crate::auth::Factor::codes(factors),
        second_factor_at: factors
            .iter()
            .any(|factor| factor.is_second())
            .then_some(started_at.as_str()),
    };
    let row = crate::auth::sessions_queries::start(
        &state.writer,
        user_id,
        &client,
        &made_by,
        &started_at,
    )
    .await?;
    session
        .insert(SessionKeys::ROW, row)
        .await
        .map_err(internal)?;
    session
        .insert(SessionKeys::USER_ID, user_id)
        .await
        .map_err(internal)?;
    session
        .insert(SessionKeys::SIGNED_IN_AT, now)
        .await
        .map_err(internal)?;
    session
        .insert(SessionKeys::LAST_SEEN_AT, now)
        .await
        .map_err(internal)?;
    Ok(())
}

/// Ends this browser's row in `user_sessions`, if it has one (before signing out, or in again).
/// A value the session cannot read counts as none: it never keeps anyone from either.
pub async fn end_session_row(session: &Session) -> Result<(), AppError> {
    let row = session.get::<String>(SessionKeys::ROW).await.ok().flatten();
    let user = session
        .get::<String>(SessionKeys::USER_ID)
        .await
        .ok()
        .flatten();
    if let (Some(row), Some(user)) = (row, user) {
        let state = AppState::from_context()?;
        crate::auth::sessions_queries::end(&state.writer, &user, &row).await?;
    }
    Ok(())
}

/// The `user_sessions` row of this request's session, when signed in.
pub async fn current_session_row() -> Result<Option<String>, AppError> {
    session()
        .await?
        .get(SessionKeys::ROW)
        .await
        .map_err(internal)
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
