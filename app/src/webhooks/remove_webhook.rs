use crate::error::AppError;
use leptos::prelude::*;

/// Removes a webhook endpoint (`write:webhooks`, `confirm=remove`) with its delivery log.
#[server(prefix = "/api", endpoint = "remove_webhook")]
pub async fn remove_webhook(
    account_id: String,
    endpoint_id: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::Confirmation;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteWebhooks).await?;
        if !Confirmation::RemoveWebhook.given(&confirm) {
            return Err(AppError::Conflict(
                "Confirm that you want to remove this endpoint.".into(),
            ));
        }
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        super::rules::remove(&mut tx, &caller, &endpoint_id).await?;
        tx.commit().await?;
        leptos_axum::redirect(
            &Notice::WebhookRemoved.added_to(&format!("/accounts/{account_id}/webhooks")),
        );
        Ok(())
    })
    .await
}
