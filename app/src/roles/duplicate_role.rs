use crate::error::AppError;
use leptos::prelude::*;

/// Copies a role (built-in or custom) into a new custom role with the same permissions.
#[server(prefix = "/api", endpoint = "duplicate_role")]
pub async fn duplicate_role(account_id: String, role_id: String) -> Result<String, AppError> {
    use super::{RoleName, queries, rules};
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, begin_write, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::WriteRoles).await?;
        let state = AppState::from_context()?;
        let mut tx = begin_write(&state.writer).await?;
        let source = rules::load_role(&mut tx, &account_id, &role_id).await?;
        caller.require_all(source.permissions.iter())?;
        let copy_name = queries::free_copy_name(&mut tx, &account_id, &source.name).await?;
        let name = RoleName::parse(&copy_name).map_err(|m| AppError::field("name", m))?;
        let copy_id = queries::insert_custom_role(&mut tx, &account_id, &name, &source.description, &source.permissions)
            .await
            .map_err(rules::write_error)?;
        rules::record_role_event(&mut tx, &caller, crate::audit::AuditAction::RoleCreated, &copy_id, name.as_str(), serde_json::json!({ "copied_from": source.name, "permissions": source.permissions.names() }))
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/roles/{copy_id}"));
        Ok(copy_id)
    })
    .await
}
