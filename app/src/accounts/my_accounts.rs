use super::AccountSummary;
use crate::error::AppError;
use leptos::prelude::*;

/// The accounts the signed-in user belongs to, by name.
#[server(prefix = "/api", endpoint = "my_accounts")]
pub async fn my_accounts() -> Result<Vec<AccountSummary>, AppError> {
    use crate::access::require_user;
    use crate::server::{AppState, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        accounts_of(&state, &user.id).await
    })
    .await
}

/// The name of the account the caller was authorized in, from their accounts: read once per
/// page, since the header lists them too.
#[cfg(feature = "ssr")]
pub async fn caller_account_name(
    state: &crate::server::AppState,
    caller: &crate::access::Caller,
) -> Result<String, AppError> {
    accounts_of(state, &caller.signed_in()?.id)
        .await?
        .into_iter()
        .find(|account| account.id == caller.account_id)
        .map(|account| account.name)
        .ok_or_else(|| AppError::NotFound("The account".into()))
}

/// The accounts of `user_id`, read once per page: the header, the home page and each account
/// page (for its name) all use them.
#[cfg(feature = "ssr")]
async fn accounts_of(
    state: &crate::server::AppState,
    user_id: &str,
) -> Result<Vec<AccountSummary>, AppError> {
    crate::access::PageReads::once(format!("accounts:{user_id}"), || async {
        Ok(super::queries::accounts_of_user(&state.pool, user_id).await?)
    })
    .await
}
