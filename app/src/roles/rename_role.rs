use crate::error::AppError;
use leptos::prelude::*;

/// Changes a custom role's name and description together.
#[server(prefix = "/api", endpoint = "rename_role")]
pub async fn rename_role(
    account_id: String,
    role_id: String,
    name: String,
    #[server(default)] description: String,
) -> Result<(), AppError> {
    use super::{RoleName, parse_description, queries, rules};
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, begin_write, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::WriteRoles).await?;
        let name = RoleName::parse(&name).map_err(|m| AppError::field("name", m))?;
        let description =
            parse_description(&description).map_err(|m| AppError::field("description", m))?;
        let state = AppState::from_context()?;
        let mut tx = begin_write(&state.writer).await?;
        let role = rules::load_custom_role(&mut tx, &account_id, &role_id).await?;
        queries::rename_role(&mut tx, &role.id, &name, &description)
            .await
            .map_err(rules::write_error)?;
        rules::record_role_event(
            &mut tx,
            &caller,
            crate::audit::AuditAction::RoleRenamed,
            &role.id,
            name.as_str(),
            serde_json::json!({
                "from": { "name": role.name, "description": role.description },
                "to": { "name": name.as_str(), "description": description },
            }),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/roles/{role_id}"));
        Ok(())
    })
    .await
}
