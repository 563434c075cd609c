use super::RolesView;
use crate::error::AppError;
use leptos::prelude::*;

/// The roles of an account with their member and permission counts.
#[server(prefix = "/api", endpoint = "list_roles")]
pub async fn list_roles(account_id: String) -> Result<RolesView, AppError> {
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadRoles).await?;
        let state = AppState::from_context()?;
        let account_name = crate::accounts::caller_account_name(&state, &caller).await?;
        let roles = super::queries::list_roles(&state.pool, &account_id).await?;
        Ok(RolesView {
            account_id,
            account_name,
            roles,
            caller_permissions: caller.permissions.names(),
        })
    })
    .await
}
