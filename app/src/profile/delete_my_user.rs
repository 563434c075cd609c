use crate::error::AppError;
use leptos::prelude::*;

/// Deletes the signed-in user once they type their address and their password (an unattended
/// browser must not be able to), unless they own an account: they leave every account (each
/// records `member.left`), every session ends, the API keys they made are suspended, and the
/// audit rows they wrote keep their name as it was.
#[server(prefix = "/api", endpoint = "delete_my_user")]
pub async fn delete_my_user(
    #[server(default)] confirm_email: String,
    #[server(default)] current_password: String,
) -> Result<(), AppError> {
    use crate::access::{require_user, session};
    use crate::domain::Notice;
    use crate::server::{AppState, begin_write, internal, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        if !confirm_email.trim().eq_ignore_ascii_case(&user.email) {
            return Err(AppError::field(
                "confirm_email",
                format!("Type your address, {}, to confirm.", user.email),
            ));
        }
        super::current_password::confirm(&state, &user, current_password).await?;
        let mut tx = begin_write(&state.writer).await?;
        let owned = super::queries::owned_account_names(&mut tx, &user.id).await?;
        if !owned.is_empty() {
            return Err(AppError::Conflict(owner_cannot_leave(&owned)));
        }
        let left = super::queries::delete_user(&mut tx, &user).await?;
        tx.commit().await?;
        session().await?.flush().await.map_err(internal)?;
        tracing::info!(user.id = %user.id, accounts_left = left, "user deleted themselves");
        leptos_axum::redirect(&format!("/sign-in?notice={}", Notice::UserDeleted.key()));
        Ok(())
    })
    .await
}

/// Why an owner cannot delete themselves, naming what they own.
pub fn owner_cannot_leave(owned: &[String]) -> String {
    format!(
        "You own {}. Make another member the owner, or delete the account, first.",
        owned
            .iter()
            .map(|name| format!("\u{201c}{name}\u{201d}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}
