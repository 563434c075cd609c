use crate::error::AppError;
use leptos::prelude::*;

/// Signs out one of the user's other sessions (a lost laptop, say): its next request is
/// signed out.
#[server(prefix = "/api", endpoint = "end_session")]
pub async fn end_session(session_id: String) -> Result<(), AppError> {
    use crate::access::require_user;
    use crate::domain::Notice;
    use crate::server::{AppState, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        // Only the user's own: another user's session is "not found", as is an ended one.
        if !crate::auth::sessions_queries::end(&state.writer, &user.id, &session_id).await? {
            return Err(AppError::NotFound("That session".into()));
        }
        tracing::info!(user.id = %user.id, "a session was signed out from the profile");
        leptos_axum::redirect(&format!("/profile?notice={}", Notice::SessionEnded.key()));
        Ok(())
    })
    .await
}

/// Signs out every session of the user but this one.
#[server(prefix = "/api", endpoint = "end_other_sessions")]
pub async fn end_other_sessions() -> Result<(), AppError> {
    use crate::access::{current_session_row, require_user};
    use crate::domain::Notice;
    use crate::server::{AppState, begin_write, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        let keep = current_session_row().await?.unwrap_or_default();
        let mut tx = begin_write(&state.writer).await?;
        let ended = crate::auth::sessions_queries::end_all_but(&mut tx, &user.id, &keep).await?;
        tx.commit().await?;
        tracing::info!(user.id = %user.id, ended, "every other session signed out");
        leptos_axum::redirect(&format!(
            "/profile?notice={}",
            Notice::OtherSessionsEnded.key()
        ));
        Ok(())
    })
    .await
}
