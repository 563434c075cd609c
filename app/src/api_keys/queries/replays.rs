//! The `api_replays` table: the first answer to a POST sent with an Idempotency-Key.

use sqlx::SqlitePool;

/// A stored answer.
pub struct Replay {
    pub fingerprint: Vec<u8>,
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// The id of the live or dead key with this secret's hash (a replay belongs to a key).
pub async fn key_id(
    pool: &SqlitePool,
    secret_hash: &[u8; 32],
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM api_keys WHERE secret_hash = ?")
        .bind(secret_hash.as_slice())
        .fetch_optional(pool)
        .await
}

/// The answer stored for `idempotency_key` of `key_id` since `since`.
pub async fn find(
    pool: &SqlitePool,
    key_id: &str,
    idempotency_key: &str,
    since: &str,
) -> Result<Option<Replay>, sqlx::Error> {
    let row: Option<(Vec<u8>, i64, String, Vec<u8>)> = sqlx::query_as(
        "SELECT fingerprint, status, content_type, body FROM api_replays
         WHERE key_id = ? AND idempotency_key = ? AND created_at > ?",
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
    writer: &SqlitePool,
    key_id: &str,
    idempotency_key: &str,
    replay: &Replay,
    now: &str,
    since: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = crate::server::begin_write(writer).await?;
    sqlx::query("DELETE FROM api_replays WHERE created_at <= ?")
        .bind(since)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT OR REPLACE INTO api_replays (key_id, idempotency_key, fingerprint, status, content_type, body, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(key_id)
    .bind(idempotency_key)
    .bind(&replay.fingerprint)
    .bind(i64::from(replay.status))
    .bind(&replay.content_type)
    .bind(&replay.body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}
