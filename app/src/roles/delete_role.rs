use crate::error::AppError;
use leptos::prelude::*;

/// The word a delete must carry: the confirmation dialog sends it, nothing else does.
pub const DELETE_CONFIRMATION: &str = "delete";

/// Deletes a custom role after an explicit confirmation, unassigning it from its holders in the
/// same transaction.
#[server(prefix = "/api", endpoint = "delete_role")]
pub async fn delete_role(
    account_id: String,
    role_id: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    use super::{queries, rules};
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, begin_write, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::DeleteRoles).await?;
        let state = AppState::from_context()?;
        let mut tx = begin_write(&state.writer).await?;
        let role = rules::load_custom_role(&mut tx, &account_id, &role_id).await?;
        caller.require_all(role.permissions.iter())?;
        if confirm != DELETE_CONFIRMATION {
            let holders = queries::holder_count(&mut tx, &role.id).await?;
            let invitations = queries::pending_invitation_count(&mut tx, &role.id).await?;
            return Err(AppError::Conflict(format!(
                "Deleting \"{}\" needs confirmation: {holders} member(s) and {invitations} pending invitation(s) hold it and will lose it.",
                role.name
            )));
        }
        let invitations = queries::pending_invitation_count(&mut tx, &role.id).await?;
        let unassigned = queries::delete_custom_role(&mut tx, &role.id).await?;
        rules::record_role_event(&mut tx, &caller, crate::audit::AuditAction::RoleDeleted, &role.id, &role.name, serde_json::json!({
                    "unassigned_members": unassigned,
                    "unassigned_invitations": invitations,
                    "permissions": role.permissions.names(),
                }))
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/roles"));
        Ok(())
    })
    .await
}
