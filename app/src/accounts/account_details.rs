use super::AccountView;
use crate::error::AppError;
use leptos::prelude::*;

/// An account with the caller's own membership, for its members only; to anyone else it does
/// not exist. The other members are listed a page at a time by `members_page` (`read:users`).
#[server(prefix = "/api", endpoint = "account_details")]
pub async fn account_details(account_id: String) -> Result<AccountView, AppError> {
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadAccount).await?;
        let state = AppState::from_context()?;
        let name = super::caller_account_name(&state, &caller).await?;
        // Whoever may read the members sees their own row in the members table instead.
        let members = if caller.permissions.contains(Permission::ReadUsers) {
            Vec::new()
        } else {
            super::queries::account_for_member(&state.pool, &account_id, &caller.signed_in()?.id)
                .await?
                .map(|view| view.members)
                .unwrap_or_default()
        };
        let mut conn = state.pool.acquire().await?;
        // An owner leaves by handing ownership on first; nobody need be named to them.
        let removers = if caller.is_owner {
            Vec::new()
        } else {
            crate::members::rules::removers(&mut conn, &account_id, Some(&caller.signed_in()?.id))
                .await?
        };
        Ok(AccountView {
            id: account_id,
            name,
            members,
            caller_permissions: caller.permissions.names(),
            removers,
        })
    })
    .await
}
