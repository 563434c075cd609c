use crate::error::AppError;
use leptos::prelude::*;

/// Copies a role (built-in or custom) into a new custom role with the same permissions.
#[server(prefix = "/api", endpoint = "duplicate_role")]
pub async fn duplicate_role(account_id: String, role_id: String) -> Result<String, AppError> {
    use super::rules;
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteRoles).await?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        let copy_id = rules::duplicate(&mut tx, &caller, &role_id).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/roles/{copy_id}"));
        Ok(copy_id)
    })
    .await
}
