use crate::error::AppError;
use leptos::prelude::*;

/// Removes one of the user's passkeys, with their current password (an unattended browser
/// cannot take a factor away).
#[server(prefix = "/api", endpoint = "remove_passkey")]
pub async fn remove_passkey(passkey_id: String, current_password: String) -> Result<(), AppError> {
    use crate::access::require_user;
    use crate::audit::AuditAction;
    use crate::domain::Notice;
    use crate::server::{AppState, begin_write, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        crate::profile::current_password::confirm(&state, &user, current_password).await?;
        let mut tx = begin_write(&state.writer).await?;
        let Some(name) = super::queries::remove(&mut tx, &user.id, &passkey_id).await? else {
            return Err(AppError::NotFound("That passkey".into()));
        };
        crate::audit::record_in_accounts_of(
            &mut tx,
            &user.id,
            AuditAction::UserPasskeyRemoved,
            serde_json::json!({ "name": name }),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/profile?notice={}#passkeys-heading",
            Notice::PasskeyRemoved.key()
        ));
        Ok(())
    })
    .await
}
