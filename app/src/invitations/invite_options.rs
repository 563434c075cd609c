use super::RoleChoice;
use crate::error::AppError;
use leptos::prelude::*;

/// The roles the caller may choose from when inviting.
#[server(prefix = "/api", endpoint = "invite_options")]
pub async fn invite_options(account_id: String) -> Result<Vec<RoleChoice>, AppError> {
    use crate::permissions::Permission;
    use crate::roles::BuiltinRole;
    use crate::server::{AppState, authorize, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::WriteInvites).await?;
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM roles WHERE account_id = ? AND (builtin IS NULL OR builtin = 'admin')
             ORDER BY builtin IS NULL, name COLLATE NOCASE",
        )
        .bind(&account_id)
        .fetch_all(&mut *conn)
        .await?;
        let mut choices = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(role) = crate::roles::queries::find_role(&mut conn, &account_id, &id).await?
            else {
                continue;
            };
            debug_assert!(!matches!(
                role.builtin,
                Some(BuiltinRole::Owner | BuiltinRole::Base)
            ));
            choices.push(RoleChoice {
                grantable: role
                    .permissions
                    .iter()
                    .all(|p| caller.permissions.contains(p)),
                id: role.id,
                name: role.name,
            });
        }
        Ok(choices)
    })
    .await
}
