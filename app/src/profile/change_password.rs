use crate::error::AppError;
use leptos::prelude::*;

/// Changes the password, given the current one, and ends every other session of the user.
/// Guesses of the current password are throttled like sign-ins.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::access::{current_session_row, require_user};
    use crate::domain::Notice;
    use crate::domain::Password;
    use crate::server::{AppState, begin_write, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        let new_password = Password::parse(&new_password)
            .map_err(|message| AppError::field("new_password", message))?;
        super::current_password::confirm(&state, &user, current_password).await?;
        let hash = state.hashing.hash(new_password).await?;
        let keep = current_session_row().await?.unwrap_or_default();
        let mut tx = begin_write(&state.writer).await?;
        super::queries::set_password_hash(&mut tx, &user.id, &hash).await?;
        let ended = crate::auth::sessions_queries::end_all_but(&mut tx, &user.id, &keep).await?;
        tx.commit().await?;
        tracing::info!(user.id = %user.id, other_sessions_ended = ended, "password changed");
        leptos_axum::redirect(&format!(
            "/profile?notice={}",
            Notice::PasswordChanged.key()
        ));
        Ok(())
    })
    .await
}
