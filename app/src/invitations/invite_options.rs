use super::RoleChoice;
use crate::error::AppError;
use leptos::prelude::*;

/// The roles the caller may choose from when inviting.
#[server(prefix = "/api", endpoint = "invite_options")]
pub async fn invite_options(account_id: String) -> Result<Vec<RoleChoice>, AppError> {
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::WriteInvites).await?;
        let state = AppState::from_context()?;
        super::role_choices_for(&state, &caller).await
    })
    .await
}

/// The roles `caller` may give (and those shown locked), read once per page: the invite form
/// and the members table's roles dialog both offer them.
#[cfg(feature = "ssr")]
pub async fn role_choices_for(
    state: &crate::server::AppState,
    caller: &crate::access::Caller,
) -> Result<Vec<RoleChoice>, AppError> {
    let key = format!("role_choices:{}", caller.account_id);
    crate::access::PageReads::once(key, || async {
        let mut conn = state.pool.acquire().await?;
        let offered = super::queries::listing::offered_roles(&mut conn, &caller.account_id).await?;
        Ok(offered
            .into_iter()
            .map(|(id, name, permissions)| RoleChoice {
                grantable: caller.may_grant(permissions.iter()).is_ok(),
                id,
                name,
            })
            .collect())
    })
    .await
}
