use super::AccountSummary;
use crate::error::AppError;
use leptos::prelude::*;

/// The accounts the signed-in user belongs to, by name.
#[server(prefix = "/api", endpoint = "my_accounts")]
pub async fn my_accounts() -> Result<Vec<AccountSummary>, AppError> {
    use crate::server::{AppState, PageReads, require_user, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        // The header and the home page both list them.
        PageReads::once(format!("accounts:{}", user.id), || async {
            Ok(super::queries::accounts_of_user(&state.pool, &user.id).await?)
        })
        .await
    })
    .await
}
