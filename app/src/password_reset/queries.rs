//! The password-reset rows of `user_tokens`.

use crate::invitations::token::TokenHash;
use sqlx::SqliteConnection;

/// A new link for the user; any earlier one they did not use stops working.
pub async fn replace_token(
    conn: &mut SqliteConnection,
    user_id: &str,
    hash: &TokenHash,
    now: &str,
    expires_at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM user_tokens WHERE user_id = ? AND purpose = ? AND used_at IS NULL")
        .bind(user_id)
        .bind(super::PURPOSE)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(hash.0.as_slice())
    .bind(user_id)
    .bind(super::PURPOSE)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Uses the link: the user it was sent to, if it is unused and unexpired; it never works again.
pub async fn use_token(
    conn: &mut SqliteConnection,
    hash: &TokenHash,
    now: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE user_tokens SET used_at = ?3
         WHERE token_hash = ?1 AND purpose = ?2 AND used_at IS NULL AND expires_at > ?3
         RETURNING user_id",
    )
    .bind(hash.0.as_slice())
    .bind(super::PURPOSE)
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// Whether the link would still work (the page asks before showing its form).
pub async fn token_works(
    pool: &sqlx::SqlitePool,
    hash: &TokenHash,
    now: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM user_tokens
         WHERE token_hash = ?1 AND purpose = ?2 AND used_at IS NULL AND expires_at > ?3)",
    )
    .bind(hash.0.as_slice())
    .bind(super::PURPOSE)
    .bind(now)
    .fetch_one(pool)
    .await
}
