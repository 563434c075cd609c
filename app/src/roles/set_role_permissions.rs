use crate::error::AppError;
use leptos::prelude::*;

/// Replaces the permissions of a custom role.
#[server(prefix = "/api", endpoint = "set_role_permissions")]
pub async fn set_role_permissions(
    account_id: String,
    role_id: String,
    #[server(default)] permissions: Vec<String>,
) -> Result<(), AppError> {
    use super::{queries, rules};
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, begin_write, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::WriteRoles).await?;
        let wanted = rules::parse_permissions(&permissions)?;
        let state = AppState::from_context()?;
        let mut tx = begin_write(&state.writer).await?;
        let role = rules::load_custom_role(&mut tx, &account_id, &role_id).await?;
        let (added, removed) = wanted.changes_from(&role.permissions);
        caller.require_all(added.iter().chain(removed.iter()).copied())?;
        if !added.is_empty() || !removed.is_empty() {
            queries::replace_permissions(&mut tx, &role.id, &wanted).await?;
            rules::record_role_event(
                &mut tx,
                &caller,
                crate::audit::AuditAction::RolePermissionsChanged,
                &role.id,
                &role.name,
                serde_json::json!({
                    "added": added.iter().map(|p| p.name()).collect::<Vec<_>>(),
                    "removed": removed.iter().map(|p| p.name()).collect::<Vec<_>>(),
                }),
            )
            .await?;
        }
        tx.commit().await?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/roles/{role_id}"));
        Ok(())
    })
    .await
}
