use crate::error::AppError;
use leptos::prelude::*;

/// Creates a custom role and opens it.
#[server(prefix = "/api", endpoint = "create_role")]
pub async fn create_role(
    account_id: String,
    name: String,
    #[server(default)] description: String,
    #[server(default)] permissions: Vec<String>,
) -> Result<String, AppError> {
    use super::{RoleName, parse_description, queries, rules};
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, begin_write, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::WriteRoles).await?;
        let name = RoleName::parse(&name).map_err(|m| AppError::field("name", m))?;
        let description =
            parse_description(&description).map_err(|m| AppError::field("description", m))?;
        let permissions = rules::parse_permissions(&permissions)?;
        caller.require_all(permissions.iter())?;

        let state = AppState::from_context()?;
        let mut tx = begin_write(&state.writer).await?;
        let role_id =
            queries::insert_custom_role(&mut tx, &account_id, &name, &description, &permissions)
                .await
                .map_err(rules::write_error)?;
        rules::record_role_event(
            &mut tx,
            &caller,
            crate::audit::AuditAction::RoleCreated,
            &role_id,
            name.as_str(),
            serde_json::json!({ "permissions": permissions.names(), "description": description }),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/roles/{role_id}"));
        Ok(role_id)
    })
    .await
}
