//! Adding and removing an account's webhook endpoints and delivering an event again, inside
//! the caller's write transaction.

use super::WebhookEvent;
use super::queries::{self, NewEndpoint};
use crate::access::Caller;
use crate::audit::{AuditAction, AuditEvent, record};
use crate::db::Db;
use crate::error::AppError;

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
    let unreadable: Vec<String> = events
        .iter()
        .filter(|event| !caller.permissions.contains(event.needs()))
        .map(|event| format!("{} (needs {})", event.name(), event.needs().name()))
        .collect();
    if !unreadable.is_empty() {
        return Err(AppError::field(
            "events",
            format!(
                "You can only subscribe to events whose data you may read yourself: {}.",
                unreadable.join(", ")
            ),
        ));
    }
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
    record_endpoint_change(conn, caller, AuditAction::WebhookRemoved, endpoint_id, &url).await
}

/// Audits `action` on the endpoint at `url`, with nothing more to say.
async fn record_endpoint_change(
    conn: &mut dyn Db,
    caller: &Caller,
    action: AuditAction,
    endpoint_id: &str,
    url: &str,
) -> Result<(), AppError> {
    record(
        conn,
        AuditEvent {
            account_id: &caller.account_id,
            actor: caller.audit_actor(),
            action,
            target_kind: "webhook",
            target_id: endpoint_id,
            target_name: url,
            details: serde_json::json!({}),
        },
    )
    .await?;
    Ok(())
}

/// Resumes a paused endpoint of the caller's account: what waited goes out now.
pub async fn resume(
    conn: &mut dyn Db,
    caller: &Caller,
    endpoint_id: &str,
    now: &str,
) -> Result<(), AppError> {
    let url = queries::resume(conn, &caller.account_id, endpoint_id, now)
        .await?
        .ok_or_else(|| AppError::Conflict("This endpoint is not paused.".into()))?;
    record_endpoint_change(conn, caller, AuditAction::WebhookResumed, endpoint_id, &url).await
}

/// How often one event may be delivered again to one endpoint.
pub const REDELIVERIES_PER_EVENT: i64 = 5;

/// Sends one delivery's event again, now, as a new delivery in the log: not while an earlier
/// "Deliver again" of it still waits to go out, and at most [`REDELIVERIES_PER_EVENT`] times.
pub async fn redeliver(
    conn: &mut dyn Db,
    caller: &Caller,
    delivery_id: i64,
    now: &str,
) -> Result<(), AppError> {
    let (waiting, total) = queries::redeliveries(conn, &caller.account_id, delivery_id)
        .await?
        .ok_or_else(|| AppError::NotFound("The delivery".into()))?;
    if waiting > 0 {
        return Err(AppError::Conflict(
            "This event is already on its way again; wait for that delivery first.".into(),
        ));
    }
    if total >= REDELIVERIES_PER_EVENT {
        return Err(AppError::Conflict(format!(
            "This event was delivered again {REDELIVERIES_PER_EVENT} times already; that is the most."
        )));
    }
    queries::redeliver(conn, &caller.account_id, delivery_id, now)
        .await?
        .ok_or_else(|| AppError::NotFound("The delivery".into()))?;
    Ok(())
}

/// Why a delivery of `event` to an endpoint must not go out, if it must not: the endpoint acts
/// for the member who added it, who must still be in the account and able to read the event's
/// data.
pub async fn withheld_because(
    conn: &mut dyn Db,
    account_id: &str,
    maker_id: Option<&str>,
    event: WebhookEvent,
) -> Result<Option<String>, sqlx::Error> {
    let held = match maker_id {
        Some(maker) => {
            crate::access::queries::effective_permissions(conn, account_id, maker).await?
        }
        None => None,
    };
    Ok(match held {
        None => Some(
            "Not sent: the member who added this endpoint is no longer in the account.".to_owned(),
        ),
        Some(held) if !held.contains(event.needs()) => Some(format!(
            "Not sent: the member who added this endpoint no longer holds {}.",
            event.needs().name()
        )),
        Some(_) => None,
    })
}
