use super::AccountView;
use crate::error::AppError;
use leptos::prelude::*;

/// An account with its members, for its members only; to anyone else it does not exist. The
/// member list needs `read:users`: without it, a member sees only their own membership.
#[server(prefix = "/api", endpoint = "account_details")]
pub async fn account_details(account_id: String) -> Result<AccountView, AppError> {
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadAccount).await?;
        let state = AppState::from_context()?;
        let only_self = !caller.permissions.contains(Permission::ReadUsers);
        let mut view = super::queries::account_for_member(
            &state.pool,
            &account_id,
            &caller.user.id,
            only_self,
        )
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
