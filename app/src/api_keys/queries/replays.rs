//! The `api_replays` table: the first answer to a POST sent with an Idempotency-Key.

use crate::db::{self, Pool};

/// A stored answer.
pub struct Replay {
    pub fingerprint: Vec<u8>,
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// The id of the live or dead key with this secret's hash (a replay belongs to a key).
pub async fn key_id(pool: &Pool, secret_hash: &[u8; 32]) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar("SELECT id FROM api_keys WHERE secret_hash = $1")
        .bind(secret_hash.as_slice())
        .fetch_optional(pool)
        .await
}

/// The answer stored for `idempotency_key` of `key_id` since `since`.
pub async fn find(
    pool: &Pool,
    key_id: &str,
    idempotency_key: &str,
    since: &str,
) -> Result<Option<Replay>, sqlx::Error> {
    let row: Option<(Vec<u8>, i64, String, Vec<u8>)> = db::query_as(
        "SELECT fingerprint, status, content_type, body FROM api_replays
         WHERE key_id = $1 AND idempotency_key = $2 AND created_at > $3",
    )
    .bind(key_id)
    .bind(idempotency_key)
    .bind(since)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(fingerprint, status, content_type, body)| Replay {
        fingerprint,
        status: u16::try_from(status).unwrap_or(500),
        content_type,
        body,
    }))
}

/// Keeps an answer (replacing one older than `since`), and forgets every answer older than
/// `since`.
pub async fn keep(
    writer: &Pool,
    key_id: &str,
    idempotency_key: &str,
    replay: &Replay,
    now: &str,
    since: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = crate::server::begin_write(writer).await?;
    db::query("DELETE FROM api_replays WHERE created_at <= $1")
        .bind(since)
        .execute(&mut tx)
        .await?;
    db::query(
        "INSERT INTO api_replays (key_id, idempotency_key, fingerprint, status, content_type, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (key_id, idempotency_key) DO UPDATE SET
             fingerprint = excluded.fingerprint, status = excluded.status,
             content_type = excluded.content_type, body = excluded.body,
             created_at = excluded.created_at",
    )
    .bind(key_id)
    .bind(idempotency_key)
    .bind(&replay.fingerprint)
    .bind(i64::from(replay.status))
    .bind(&replay.content_type)
    .bind(&replay.body)
    .bind(now)
    .execute(&mut tx)
    .await?;
    tx.commit().await
}
