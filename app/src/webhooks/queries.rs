//! The `webhook_endpoints` and `webhook_deliveries` tables: endpoints, the events queued for
//! them inside a change's transaction, and the worker's claims on what is due.

use super::{DeliveryRow, DeliveryState, WebhookEvent};
use crate::db::{self, Db, Pool};

/// An event as it is announced: who did what to which target, and what changed.
pub struct Announcement<'a> {
    pub account_id: &'a str,
    pub event: WebhookEvent,
    /// `{"kind": "user", "id": …}` or `{"kind": "api_key", "id": …, "name": …}`, or null.
    pub actor: serde_json::Value,
    pub target_kind: &'a str,
    pub target_id: &'a str,
    pub target_name: &'a str,
    pub details: &'a serde_json::Value,
}

/// Queues the event for every endpoint of the account that listens for it; the rows exist
/// only if the caller's transaction commits. Every endpoint gets the same event id.
pub async fn announce(
    conn: &mut dyn Db,
    announcement: &Announcement<'_>,
    now: &str,
) -> Result<(), sqlx::Error> {
    let event_id = format!("evt_{}", uuid::Uuid::new_v4().simple());
    let payload = serde_json::json!({
        "id": event_id,
        "type": announcement.event.name(),
        "created_at": now,
        "account_id": announcement.account_id,
        "actor": announcement.actor,
        "data": {
            "target": {
                "kind": announcement.target_kind,
                "id": announcement.target_id,
                "name": announcement.target_name,
            },
            "details": announcement.details,
        },
    });
    db::query(
        "INSERT INTO webhook_deliveries (endpoint_id, event_id, event, payload, created_at, next_attempt_at)
         SELECT id, $1, $2, $3, $4, $4 FROM webhook_endpoints
         WHERE account_id = $5 AND instr(' ' || events || ' ', ' ' || $2 || ' ') > 0",
    )
    .bind(&event_id)
    .bind(announcement.event.name())
    .bind(payload.to_string())
    .bind(now)
    .bind(announcement.account_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub struct NewEndpoint<'a> {
    pub id: &'a str,
    pub account_id: &'a str,
    pub url: &'a str,
    pub events: &'a [WebhookEvent],
    pub secret: &'a str,
    pub created_by: Option<&'a str>,
    pub created_at: &'a str,
}

pub async fn insert_endpoint(
    conn: &mut dyn Db,
    endpoint: &NewEndpoint<'_>,
) -> Result<(), sqlx::Error> {
    let events: Vec<&str> = endpoint.events.iter().map(|e| e.name()).collect();
    db::query(
        "INSERT INTO webhook_endpoints (id, account_id, url, events, secret, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(endpoint.id)
    .bind(endpoint.account_id)
    .bind(endpoint.url)
    .bind(events.join(" "))
    .bind(endpoint.secret)
    .bind(endpoint.created_by)
    .bind(endpoint.created_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count_endpoints(conn: &mut dyn Db, account_id: &str) -> Result<u32, sqlx::Error> {
    let endpoints: i64 =
        db::query_scalar("SELECT count(*) FROM webhook_endpoints WHERE account_id = $1")
            .bind(account_id)
            .fetch_one(conn)
            .await?;
    Ok(db::count(endpoints))
}

/// An endpoint as listed: id, URL, its events, when it was added, whether it is paused.
#[derive(sqlx::FromRow)]
pub struct ListedEndpoint {
    pub id: String,
    pub url: String,
    pub events: String,
    pub created_at: String,
    pub paused_at: Option<String>,
    pub paused_because: Option<String>,
}

/// The account's endpoints, oldest first.
pub async fn endpoints(
    conn: &mut dyn Db,
    account_id: &str,
) -> Result<Vec<ListedEndpoint>, sqlx::Error> {
    db::query_as(
        "SELECT id, url, events, created_at, paused_at, paused_because FROM webhook_endpoints
         WHERE account_id = $1 ORDER BY created_at, id",
    )
    .bind(account_id)
    .fetch_all(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct LoggedDelivery {
    endpoint_id: String,
    id: i64,
    event: String,
    created_at: String,
    attempts: i64,
    last_status: Option<i64>,
    last_error: Option<String>,
    delivered: bool,
    abandoned: bool,
    redelivery: bool,
}

/// The latest `per_endpoint` deliveries of each of the account's endpoints, newest first,
/// with their endpoint's id (one statement, each endpoint read by its index).
pub async fn recent_deliveries(
    conn: &mut dyn Db,
    account_id: &str,
    per_endpoint: u32,
) -> Result<Vec<(String, DeliveryRow)>, sqlx::Error> {
    let rows: Vec<LoggedDelivery> = db::query_as(
        "SELECT d.endpoint_id, d.id, d.event, d.created_at, d.attempts, d.last_status, d.last_error,
                d.delivered_at IS NOT NULL AS delivered, d.abandoned_at IS NOT NULL AS abandoned,
                d.redelivery = 1 AS redelivery
         FROM webhook_endpoints e
         JOIN webhook_deliveries d ON d.id IN (
             SELECT id FROM webhook_deliveries WHERE endpoint_id = e.id ORDER BY id DESC LIMIT $2)
         WHERE e.account_id = $1
         ORDER BY d.id DESC",
    )
    .bind(account_id)
    .bind(per_endpoint)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let state = match (row.delivered, row.abandoned) {
                (true, _) => DeliveryState::Delivered,
                (false, true) => DeliveryState::Abandoned,
                _ => DeliveryState::Pending,
            };
            (
                row.endpoint_id,
                DeliveryRow {
                    id: row.id,
                    event: row.event,
                    created_at: row.created_at,
                    attempts: row.attempts,
                    last_status: row.last_status,
                    last_error: row.last_error,
                    state,
                    redelivery: row.redelivery,
                },
            )
        })
        .collect())
}

/// Removes an endpoint of the account with its log; its URL if it existed.
pub async fn remove_endpoint(
    conn: &mut dyn Db,
    account_id: &str,
    endpoint_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar(
        "DELETE FROM webhook_endpoints WHERE id = $1 AND account_id = $2 RETURNING url",
    )
    .bind(endpoint_id)
    .bind(account_id)
    .fetch_optional(conn)
    .await
}

/// How often the event of one of the account's deliveries was delivered again to its endpoint:
/// (still waiting to go out, in all), or `None` when the account has no such delivery.
pub async fn redeliveries(
    conn: &mut dyn Db,
    account_id: &str,
    delivery_id: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    db::query_as(
        "SELECT (SELECT count(*) FROM webhook_deliveries r
                 WHERE r.endpoint_id = d.endpoint_id AND r.event_id = d.event_id AND r.redelivery = 1
                   AND r.delivered_at IS NULL AND r.abandoned_at IS NULL),
                (SELECT count(*) FROM webhook_deliveries r
                 WHERE r.endpoint_id = d.endpoint_id AND r.event_id = d.event_id AND r.redelivery = 1)
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.id = $1 AND e.account_id = $2",
    )
    .bind(delivery_id)
    .bind(account_id)
    .fetch_optional(conn)
    .await
}

/// Queues one delivery of the account's again, as a new row that points to it; the event's
/// name and the endpoint's URL if it existed.
pub async fn redeliver(
    conn: &mut dyn Db,
    account_id: &str,
    delivery_id: i64,
    now: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    db::query_as(
        "INSERT INTO webhook_deliveries (endpoint_id, event_id, event, payload, redelivery_of, redelivery, created_at, next_attempt_at)
         SELECT d.endpoint_id, d.event_id, d.event, d.payload, d.id, 1, $3, $3
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.id = $1 AND e.account_id = $2
         RETURNING event, (SELECT url FROM webhook_endpoints WHERE id = endpoint_id)",
    )
    .bind(delivery_id)
    .bind(account_id)
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// A delivery the worker is to make now.
#[derive(sqlx::FromRow)]
pub struct DueDelivery {
    pub id: i64,
    pub endpoint_id: String,
    pub account_id: String,
    /// The member the endpoint acts for (who added it), if their user still exists.
    pub created_by: Option<String>,
    pub event_id: String,
    pub event: String,
    pub payload: String,
    pub attempts: i64,
    pub url: String,
    pub secret: String,
    /// Until when the claim is this worker's: renewed just before the attempt.
    pub next_attempt_at: String,
}

macro_rules! claim_due_deliveries {
    () => {
        "UPDATE webhook_deliveries SET next_attempt_at = $1
         WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE id IN (SELECT min(id) FROM webhook_deliveries
                                   WHERE delivered_at IS NULL AND abandoned_at IS NULL
                                     AND next_attempt_at <= $2
                                     AND endpoint_id NOT IN (SELECT value FROM json_each($4))
                                     AND endpoint_id IN (SELECT id FROM webhook_endpoints
                                                         WHERE paused_at IS NULL)
                                   GROUP BY endpoint_id)
                      ORDER BY next_attempt_at, id LIMIT $3"
    };
}

/// Takes up to `limit` deliveries due at `now` for this worker alone: the oldest due one of
/// each endpoint not in `busy` (whose delivery is in flight here), the longest waiting first, so
/// that every endpoint gets its turn and one slow endpoint holds up only itself. Out of every
/// worker's reach until `lease_until`, in one statement (on PostgreSQL rows another worker is
/// taking are skipped), so that with several servers each is sent once.
pub async fn claim_due(
    pool: &Pool,
    now: &str,
    lease_until: &str,
    limit: u32,
    busy: &[String],
) -> Result<Vec<DueDelivery>, sqlx::Error> {
    let claimed: Vec<i64> = db::query_scalar(pool.dialect().pick(
        concat!(claim_due_deliveries!(), ") RETURNING id"),
        concat!(
            claim_due_deliveries!(),
            " FOR UPDATE SKIP LOCKED) RETURNING id"
        ),
    ))
    .bind(lease_until)
    .bind(now)
    .bind(limit)
    .bind(serde_json::to_string(busy).unwrap_or_else(|_| "[]".to_owned()))
    .fetch_all(pool)
    .await?;
    if claimed.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(&claimed).unwrap_or_default();
    db::query_as(
        "SELECT d.id, d.endpoint_id, e.account_id, e.created_by, d.event_id, d.event, d.payload,
                d.attempts, e.url, e.secret, d.next_attempt_at
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.id IN (SELECT CAST(value AS BIGINT) FROM json_each($1))
         ORDER BY d.id",
    )
    .bind(ids)
    .fetch_all(pool)
    .await
}

/// Extends this worker's claim on a delivery to `until`, just before its attempt, if the claim
/// is still its own (`held_until` unchanged): false when another worker took it meanwhile.
pub async fn renew_lease(
    pool: &Pool,
    delivery_id: i64,
    held_until: &str,
    until: &str,
) -> Result<bool, sqlx::Error> {
    let renewed = db::query(
        "UPDATE webhook_deliveries SET next_attempt_at = $1
         WHERE id = $2 AND next_attempt_at = $3 AND delivered_at IS NULL AND abandoned_at IS NULL",
    )
    .bind(until)
    .bind(delivery_id)
    .bind(held_until)
    .execute(pool)
    .await?;
    Ok(renewed.rows_affected() == 1)
}

/// The earliest time a delivery is due, if any is waiting.
pub async fn next_due(pool: &Pool) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar(
        "SELECT min(next_attempt_at) FROM webhook_deliveries
         WHERE delivered_at IS NULL AND abandoned_at IS NULL
           AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE paused_at IS NULL)",
    )
    .fetch_one(pool)
    .await
}

/// How many deliveries wait to go out: neither delivered nor given up.
pub async fn undelivered(pool: &Pool) -> Result<i64, sqlx::Error> {
    db::query_scalar(
        "SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NULL AND abandoned_at IS NULL",
    )
    .fetch_one(pool)
    .await
}

/// How one attempt went.
pub enum Attempt<'a> {
    Delivered {
        status: u16,
    },
    Failed {
        status: Option<u16>,
        error: &'a str,
        retry_at: Option<&'a str>,
    },
}

pub async fn record_attempt(
    pool: &Pool,
    delivery_id: i64,
    attempt: Attempt<'_>,
    now: &str,
) -> Result<(), sqlx::Error> {
    match attempt {
        Attempt::Delivered { status } => {
            db::query(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, delivered_at = $1, last_status = $2, last_error = NULL
                 WHERE id = $3",
            )
            .bind(now)
            .bind(i64::from(status))
            .bind(delivery_id)
            .execute(pool)
            .await?;
        }
        Attempt::Failed {
            status,
            error,
            retry_at,
        } => {
            db::query(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = $1, last_error = $2,
                        next_attempt_at = coalesce($3, next_attempt_at),
                        abandoned_at = CASE WHEN $4 IS NULL THEN $5 END
                 WHERE id = $6",
            )
            .bind(status.map(i64::from))
            .bind(error)
            .bind(retry_at)
            .bind(retry_at)
            .bind(now)
            .bind(delivery_id)
            .execute(pool)
            .await?;
        }
    }
    Ok(())
}

/// An endpoint Roster just paused, and whom to tell.
#[derive(sqlx::FromRow)]
pub struct PausedEndpoint {
    pub account_id: String,
    pub account_name: String,
    pub url: String,
    /// The address of the member who added it, if their user still exists.
    pub maker_email: Option<String>,
}

/// After a delivery's attempt: a success clears its endpoint's count of failures in a row; a
/// failure adds one, and the `pause_after`th pauses the endpoint (its deliveries wait). The
/// endpoint, if this failure paused it.
pub async fn count_attempt(
    pool: &Pool,
    delivery_id: i64,
    failed: Option<&str>,
    pause_after: u32,
    now: &str,
) -> Result<Option<PausedEndpoint>, sqlx::Error> {
    let endpoint = "(SELECT endpoint_id FROM webhook_deliveries WHERE id = $1)";
    let Some(error) = failed else {
        db::query(&format!(
            "UPDATE webhook_endpoints SET failures_in_a_row = 0 WHERE id = {endpoint}"
        ))
        .bind(delivery_id)
        .execute(pool)
        .await?;
        return Ok(None);
    };
    let paused: Option<String> = db::query_scalar(&format!(
        "UPDATE webhook_endpoints SET failures_in_a_row = failures_in_a_row + 1,
                paused_at = CASE WHEN paused_at IS NULL AND failures_in_a_row + 1 >= $2 THEN $3 ELSE paused_at END,
                paused_because = CASE WHEN paused_at IS NULL AND failures_in_a_row + 1 >= $2 THEN $4 ELSE paused_because END
         WHERE id = {endpoint}
         RETURNING CASE WHEN paused_at = $3 THEN id END"
    ))
    .bind(delivery_id)
    .bind(i64::from(pause_after))
    .bind(now)
    .bind(format!("{pause_after} deliveries in a row failed (the last: {error})"))
    .fetch_optional(pool)
    .await?
    .flatten();
    let Some(endpoint_id) = paused else {
        return Ok(None);
    };
    db::query_as(
        "SELECT e.account_id, a.name AS account_name, e.url, u.email AS maker_email
         FROM webhook_endpoints e JOIN accounts a ON a.id = e.account_id
         LEFT JOIN users u ON u.id = e.created_by
         WHERE e.id = $1",
    )
    .bind(endpoint_id)
    .fetch_optional(pool)
    .await
}

/// Resumes a paused endpoint of the account: its waiting deliveries are due at once. Its URL,
/// if it was paused.
pub async fn resume(
    conn: &mut dyn Db,
    account_id: &str,
    endpoint_id: &str,
    now: &str,
) -> Result<Option<String>, sqlx::Error> {
    let url: Option<String> = db::query_scalar(
        "UPDATE webhook_endpoints SET paused_at = NULL, paused_because = NULL, failures_in_a_row = 0
         WHERE id = $1 AND account_id = $2 AND paused_at IS NOT NULL RETURNING url",
    )
    .bind(endpoint_id)
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await?;
    if url.is_some() {
        db::query(
            "UPDATE webhook_deliveries SET next_attempt_at = $1
             WHERE endpoint_id = $2 AND delivered_at IS NULL AND abandoned_at IS NULL",
        )
        .bind(now)
        .bind(endpoint_id)
        .execute(conn)
        .await?;
    }
    Ok(url)
}
