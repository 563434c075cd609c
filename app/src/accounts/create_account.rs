use crate::error::AppError;
use leptos::prelude::*;

/// Creates an account whose owner is the caller, then opens it.
#[server(prefix = "/api", endpoint = "create_account")]
pub async fn create_account(name: String) -> Result<String, AppError> {
    use crate::access::require_user;
    use crate::domain::AccountName;
    use crate::server::{AppState, respond};

    respond(async move {
        let user = require_user().await?;
        let name = AccountName::parse(&name).map_err(|message| AppError::field("name", message))?;
        let state = AppState::from_context()?;
        let limit = state.auth.accounts_per_user;
        let Some(account_id) =
            super::queries::create_account(&state.writer, &user.id, &name, limit).await?
        else {
            return Err(AppError::field(
                "name",
                format!("You belong to {limit} accounts, the most one user may. Leave one first."),
            ));
        };
        tracing::info!(account.id = %account_id, user.id = %user.id, "account created");
        leptos_axum::redirect(&format!("/accounts/{account_id}"));
        Ok(account_id)
    })
    .await
}
