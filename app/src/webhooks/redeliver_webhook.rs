use crate::error::AppError;
use leptos::prelude::*;

/// Sends a delivery's event to its endpoint again (`write:webhooks`), as a new delivery.
#[server(prefix = "/api", endpoint = "redeliver_webhook")]
pub async fn redeliver_webhook(account_id: String, delivery_id: i64) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteWebhooks).await?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        super::rules::redeliver(&mut tx, &caller, delivery_id, &now_rfc3339()).await?;
        tx.commit().await?;
        leptos_axum::redirect(
            &Notice::WebhookRedelivered.added_to(&format!("/accounts/{account_id}/webhooks")),
        );
        Ok(())
    })
    .await
}
