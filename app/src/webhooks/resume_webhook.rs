use crate::error::AppError;
use leptos::prelude::*;

/// Resumes an endpoint Roster paused after failures in a row (`write:webhooks`): the events
/// that waited go out at once.
#[server(prefix = "/api", endpoint = "resume_webhook")]
pub async fn resume_webhook(account_id: String, endpoint_id: String) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteWebhooks).await?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        super::rules::resume(&mut tx, &caller, &endpoint_id, &now_rfc3339()).await?;
        tx.commit().await?;
        leptos_axum::redirect(
            &Notice::WebhookResumed.added_to(&format!("/accounts/{account_id}/webhooks")),
        );
        Ok(())
    })
    .await
}
