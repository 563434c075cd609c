use crate::error::AppError;
use leptos::prelude::*;

/// Replaces the permissions of a custom role.
#[server(prefix = "/api", endpoint = "set_role_permissions")]
pub async fn set_role_permissions(
    account_id: String,
    role_id: String,
    #[server(default)] permissions: Vec<String>,
) -> Result<(), AppError> {
    use super::rules;
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteRoles).await?;
        let wanted = rules::parse_permissions(&permissions)?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        rules::set_permissions(&mut tx, &caller, &role_id, &wanted).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/roles/{role_id}"));
        Ok(())
    })
    .await
}
