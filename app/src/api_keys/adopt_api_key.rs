use crate::error::AppError;
use leptos::prelude::*;

/// Adopts an API key (`write:api_keys`): it becomes the caller's delegate, so a key whose maker
/// left or lost rights works again, within the caller's own rights.
#[server(prefix = "/api", endpoint = "adopt_api_key")]
pub async fn adopt_api_key(account_id: String, key_id: String) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteApiKeys).await?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        super::rules::adopt(&mut tx, &caller, &key_id).await?;
        tx.commit().await?;
        leptos_axum::redirect(
            &Notice::ApiKeyAdopted.added_to(&format!("/accounts/{account_id}/api-keys")),
        );
        Ok(())
    })
    .await
}
