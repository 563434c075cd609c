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
    use super::{RoleName, parse_description, rules};
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteRoles).await?;
        let name = RoleName::parse(&name).map_err(|m| AppError::field("name", m))?;
        let description =
            parse_description(&description).map_err(|m| AppError::field("description", m))?;
        let permissions = rules::parse_permissions(&permissions)?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        let role_id = rules::create(&mut tx, &caller, &name, &description, &permissions).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/roles/{role_id}"));
        Ok(role_id)
    })
    .await
}
