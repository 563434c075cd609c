//! Adding and removing an account's webhook endpoints and delivering an event again, inside
//! the caller's write transaction.

use super::WebhookEvent;
use super::queries::{self, NewEndpoint};
use crate::audit::{AuditAction, AuditEvent, record};
use crate::db::Db;
use crate::error::AppError;
use crate::server::Caller;

/// The events a form or a program chose, each known; at least one.
pub fn parse_events(names: &[String]) -> Result<Vec<WebhookEvent>, AppError> {
    let mut events = Vec::new();
    for name in names
        .iter()
        .map(|name| name.trim())
        .filter(|n| !n.is_empty())
    {
        let event = WebhookEvent::from_name(name)
            .ok_or_else(|| AppError::field("events", format!("There is no event {name:?}.")))?;
        if !events.contains(&event) {
            events.push(event);
        }
    }
    if events.is_empty() {
        return Err(AppError::field(
            "events",
            "Choose at least one event to send.",
        ));
    }
    Ok(events)
}

/// A new endpoint at `url` (already checked) for `events`; its id and its signing secret.
pub async fn add(
    conn: &mut dyn Db,
    caller: &Caller,
    url: &str,
    events: &[WebhookEvent],
    endpoint_limit: u32,
    now: &str,
) -> Result<(String, String), AppError> {
    if queries::count_endpoints(conn, &caller.account_id).await? >= endpoint_limit {
        return Err(AppError::field(
            "url",
            format!("An account can have at most {endpoint_limit} endpoints. Remove one first."),
        ));
    }
    let id = uuid::Uuid::new_v4().to_string();
    let secret = super::signature::new_secret();
    queries::insert_endpoint(
        conn,
        &NewEndpoint {
            id: &id,
            account_id: &caller.account_id,
            url,
            events,
            secret: &secret,
            created_by: caller.user().map(|user| user.id.as_str()),
            created_at: now,
        },
    )
    .await?;
    let names: Vec<&str> = events.iter().map(|e| e.name()).collect();
    record(
        conn,
        AuditEvent {
            account_id: &caller.account_id,
            actor: caller.audit_actor(),
            action: AuditAction::WebhookAdded,
            target_kind: "webhook",
            target_id: &id,
            target_name: url,
            details: serde_json::json!({ "events": names }),
        },
    )
    .await?;
    Ok((id, secret))
}

/// Removes an endpoint of the caller's account: nothing more is sent to it.
pub async fn remove(conn: &mut dyn Db, caller: &Caller, endpoint_id: &str) -> Result<(), AppError> {
    let url = queries::remove_endpoint(conn, &caller.account_id, endpoint_id)
        .await?
        .ok_or_else(|| AppError::NotFound("The webhook endpoint".into()))?;
    record(
        conn,
        AuditEvent {
            account_id: &caller.account_id,
            actor: caller.audit_actor(),
            action: AuditAction::WebhookRemoved,
            target_kind: "webhook",
            target_id: endpoint_id,
            target_name: &url,
            details: serde_json::json!({}),
        },
    )
    .await?;
    Ok(())
}

/// Sends one delivery's event again, now, as a new delivery in the log.
pub async fn redeliver(
    conn: &mut dyn Db,
    caller: &Caller,
    delivery_id: i64,
    now: &str,
) -> Result<(), AppError> {
    queries::redeliver(conn, &caller.account_id, delivery_id, now)
        .await?
        .ok_or_else(|| AppError::NotFound("The delivery".into()))?;
    Ok(())
}
