use crate::error::AppError;
use leptos::prelude::*;

/// Revokes an API key (`write:api_keys`, `confirm=revoke`): it is refused from its next request.
#[server(prefix = "/api", endpoint = "revoke_api_key")]
pub async fn revoke_api_key(
    account_id: String,
    key_id: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::Confirmation;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteApiKeys).await?;
        if !Confirmation::RevokeApiKey.given(&confirm) {
            return Err(AppError::Conflict(
                "Confirm that you want to revoke this key.".into(),
            ));
        }
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        super::rules::revoke(&mut tx, &caller, &key_id, &now_rfc3339()).await?;
        tx.commit().await?;
        leptos_axum::redirect(
            &Notice::ApiKeyRevoked.added_to(&format!("/accounts/{account_id}/api-keys")),
        );
        Ok(())
    })
    .await
}
