use crate::error::AppError;
use leptos::prelude::*;

/// Adds a webhook endpoint (`write:webhooks`) at `url` for `events`. Its signing secret goes to
/// the next view of the webhooks page, once.
#[server(prefix = "/api", endpoint = "add_webhook")]
pub async fn add_webhook(
    account_id: String,
    url: String,
    #[server(default)] events: Vec<String>,
) -> Result<String, AppError> {
    use super::NewEndpointSecret;
    use crate::access::{authorize, session};
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteWebhooks).await?;
        let parsed = super::address::parse(&url).map_err(|message| AppError::field("url", message))?;
        let events = super::rules::parse_events(&events)?;
        let state = AppState::from_context()?;
        super::address::resolve(&parsed, state.webhooks.allow_private)
            .await
            .map_err(|message| AppError::field("url", message))?;
        let mut tx = caller.begin_write(&state.writer).await?;
        let (endpoint_id, secret) = super::rules::add(
            &mut tx,
            &caller,
            parsed.as_str(),
            &events,
            state.webhooks.endpoint_limit,
            &now_rfc3339(),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(account.id = %account_id, webhook.id = %endpoint_id, "webhook endpoint added");
        session()
            .await?
            .insert(
                super::NEW_SECRET_SLOT,
                NewEndpointSecret {
                    endpoint_id: endpoint_id.clone(),
                    url: parsed.to_string(),
                    secret,
                },
            )
            .await
            .map_err(crate::server::internal)?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/webhooks#new-webhook"));
        Ok(endpoint_id)
    })
    .await
}
