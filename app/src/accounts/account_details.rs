use super::AccountView;
use crate::error::AppError;
use leptos::prelude::*;

/// An account with the caller's own membership, for its members only; to anyone else it does
/// not exist. The other members are listed a page at a time by `members_page` (`read:users`).
#[server(prefix = "/api", endpoint = "account_details")]
pub async fn account_details(account_id: String) -> Result<AccountView, AppError> {
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadAccount).await?;
        let state = AppState::from_context()?;
        let mut view =
            super::queries::account_for_member(&state.pool, &account_id, &caller.user.id)
                .await?
                .ok_or_else(|| AppError::NotFound("Account".into()))?;
        view.caller_permissions = caller.permissions.names();
        let mut conn = state.pool.acquire().await?;
        view.removers =
            crate::members::rules::removers(&mut conn, &account_id, Some(&caller.user.id)).await?;
        Ok(view)
    })
    .await
}
