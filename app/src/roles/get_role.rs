use super::RoleDetails;
use crate::error::AppError;
use leptos::prelude::*;

/// One role: its permissions and the members who hold it.
#[server(prefix = "/api", endpoint = "get_role")]
pub async fn get_role(account_id: String, role_id: String) -> Result<RoleDetails, AppError> {
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadRoles).await?;
        let state = AppState::from_context()?;
        let account_name = crate::accounts::caller_account_name(&state, &caller).await?;
        let mut conn = state.pool.acquire().await?;
        let role = super::rules::load_role(&mut conn, &account_id, &role_id).await?;
        let members = super::queries::role_members(&mut conn, &role).await?;
        let invitation_count =
            super::queries::pending_invitation_count(&mut conn, &role.id).await?;
        let summary = super::RoleSummary {
            id: role.id.clone(),
            name: role.name.clone(),
            description: role.description.clone(),
            builtin: role.builtin,
            member_count: i64::try_from(members.len()).unwrap_or(i64::MAX),
            permission_count: role.permissions.len(),
        };
        Ok(RoleDetails {
            account_id,
            account_name,
            role: summary,
            permissions: role.permissions.names(),
            undeclared: role.undeclared.clone(),
            members,
            invitation_count,
            caller_permissions: caller.permissions.names(),
        })
    })
    .await
}
