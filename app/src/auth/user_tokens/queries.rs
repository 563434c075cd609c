//! The `user_tokens` table.

use super::{LinkHolder, TokenPurpose};
use crate::db::{self, Db, Pool};
use crate::secrets::{LinkToken, SecretHash};
use crate::server::rfc3339 as stamp;
use std::time::Duration;

/// A new link for the user; an earlier unused one of the same purpose stops working.
pub async fn issue(
    conn: &mut dyn Db,
    user_id: &str,
    purpose: TokenPurpose,
    email: Option<&str>,
    lifetime: Duration,
) -> Result<LinkToken, sqlx::Error> {
    let token = LinkToken::generate();
    let now = chrono::Utc::now();
    let expires_at =
        now + chrono::Duration::from_std(lifetime).unwrap_or(chrono::Duration::hours(1));
    db::query("DELETE FROM user_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL")
        .bind(user_id)
        .bind(purpose.name())
        .execute(&mut *conn)
        .await?;
    db::query(
        "INSERT INTO user_tokens (token_hash, user_id, purpose, email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token.hash().0.as_slice())
    .bind(user_id)
    .bind(purpose.name())
    .bind(email)
    .bind(stamp(now))
    .bind(stamp(expires_at))
    .execute(conn)
    .await?;
    Ok(token)
}

/// Uses the link, if it is unused and unexpired: whom it was sent to. It never works again.
pub async fn use_link(
    conn: &mut dyn Db,
    purpose: TokenPurpose,
    hash: &SecretHash,
    now: &str,
) -> Result<Option<LinkHolder>, sqlx::Error> {
    db::query_as(
        "UPDATE user_tokens SET used_at = $3
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING user_id, email",
    )
    .bind(hash.0.as_slice())
    .bind(purpose.name())
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// Whether the link would still work (a page asks before showing its form).
pub async fn works(
    pool: &Pool,
    purpose: TokenPurpose,
    hash: &SecretHash,
    now: &str,
) -> Result<bool, sqlx::Error> {
    db::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM user_tokens
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3)",
    )
    .bind(hash.0.as_slice())
    .bind(purpose.name())
    .bind(now)
    .fetch_one(pool)
    .await
}

/// Whom a link was sent to, used or not (a verification link followed twice still tells the
/// truth: the address is verified).
pub async fn holder(
    conn: &mut dyn Db,
    purpose: TokenPurpose,
    hash: &SecretHash,
) -> Result<Option<LinkHolder>, sqlx::Error> {
    db::query_as("SELECT user_id, email FROM user_tokens WHERE token_hash = $1 AND purpose = $2")
        .bind(hash.0.as_slice())
        .bind(purpose.name())
        .fetch_optional(conn)
        .await
}

/// When the user's latest link of this purpose was sent, if one is unused.
pub async fn last_sent_at(
    conn: &mut dyn Db,
    user_id: &str,
    purpose: TokenPurpose,
) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar(
        "SELECT max(created_at) FROM user_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
    )
    .bind(user_id)
    .bind(purpose.name())
    .fetch_one(conn)
    .await
}

/// The address an unused, unexpired link of this purpose was sent to, and until when it works.
pub async fn open_link_address(
    pool: &Pool,
    user_id: &str,
    purpose: TokenPurpose,
    now: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    db::query_as(
        "SELECT email, expires_at FROM user_tokens
         WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 AND email IS NOT NULL
         ORDER BY created_at DESC LIMIT 1",
    )
    .bind(user_id)
    .bind(purpose.name())
    .bind(now)
    .fetch_optional(pool)
    .await
}

/// Voids the user's unused links of `purpose` (a reset link mailed to an address they left).
pub async fn void_unused(
    conn: &mut dyn Db,
    user_id: &str,
    purpose: TokenPurpose,
) -> Result<(), sqlx::Error> {
    db::query("DELETE FROM user_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL")
        .bind(user_id)
        .bind(purpose.name())
        .execute(conn)
        .await?;
    Ok(())
}
