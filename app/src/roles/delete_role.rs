use crate::error::AppError;
use leptos::prelude::*;

/// Deletes a custom role after an explicit confirmation (`confirm=delete`), unassigning it from
/// its holders in the same transaction.
#[server(prefix = "/api", endpoint = "delete_role")]
pub async fn delete_role(
    account_id: String,
    role_id: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    use super::rules;
    use crate::access::authorize;
    use crate::domain::Confirmation;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::DeleteRoles).await?;
        let confirmed = Confirmation::DeleteRole.given(&confirm);
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        rules::delete(&mut tx, &caller, &role_id, confirmed).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/roles"));
        Ok(())
    })
    .await
}
