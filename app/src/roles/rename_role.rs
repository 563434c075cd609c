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
    use super::{RoleName, parse_description, rules};
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteRoles).await?;
        let name = RoleName::parse(&name).map_err(|m| AppError::field("name", m))?;
        let description =
            parse_description(&description).map_err(|m| AppError::field("description", m))?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        rules::rename(&mut tx, &caller, &role_id, &name, &description).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/roles/{role_id}"));
        Ok(())
    })
    .await
}
