use super::WebhooksView;
use crate::error::AppError;
use leptos::prelude::*;

/// The account's webhook endpoints with their latest deliveries (`read:webhooks`), the events
/// one can listen for, and, once, the secret of the endpoint this browser just added.
#[server(prefix = "/api", endpoint = "webhooks")]
pub async fn webhooks(account_id: String) -> Result<WebhooksView, AppError> {
    use super::{EndpointRow, EventChoice, NewEndpointSecret, WebhookEvent};
    use crate::access::{authorize, session};
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadWebhooks).await?;
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let listed = super::queries::endpoints(&mut conn, &account_id).await?;
        let mut deliveries =
            super::queries::recent_deliveries(&mut conn, &account_id, super::LOGGED_DELIVERIES)
                .await?;
        let endpoints: Vec<EndpointRow> = listed
            .into_iter()
            .map(|endpoint| {
                let (own, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut deliveries)
                    .into_iter()
                    .partition(|(of, _)| *of == endpoint.id);
                deliveries = rest;
                EndpointRow {
                    id: endpoint.id,
                    url: endpoint.url,
                    paused: endpoint
                        .paused_at
                        .map(|at| (at, endpoint.paused_because.unwrap_or_default())),
                    events: endpoint.events.split(' ').map(str::to_owned).collect(),
                    created_at: endpoint.created_at,
                    deliveries: own.into_iter().map(|(_, delivery)| delivery).collect(),
                }
            })
            .collect();
        let new_secret: Option<NewEndpointSecret> = session()
            .await?
            .remove(super::NEW_SECRET_SLOT)
            .await
            .map_err(crate::server::internal)?
            .filter(|new: &NewEndpointSecret| endpoints.iter().any(|e| e.id == new.endpoint_id));
        Ok(WebhooksView {
            endpoints,
            may_write: caller.permissions.contains(Permission::WriteWebhooks),
            // Only events whose data the viewer may read can be subscribed to.
            events: WebhookEvent::ALL
                .into_iter()
                .filter(|event| caller.permissions.contains(event.needs()))
                .map(|event| EventChoice {
                    name: event.name().to_owned(),
                    description: event.description().to_owned(),
                })
                .collect(),
            new_secret,
        })
    })
    .await
}
