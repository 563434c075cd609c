//! The address columns of `users`.

use crate::db::{self, Db};

/// Marks the address verified if it is still the user's. True when it is verified afterwards.
pub async fn mark_verified(
    conn: &mut dyn Db,
    user_id: &str,
    email: &str,
    now: &str,
) -> Result<bool, sqlx::Error> {
    db::query("UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email = $3 AND email_verified_at IS NULL")
        .bind(now)
        .bind(user_id)
        .bind(email)
        .execute(&mut *conn)
        .await?;
    is_verified(conn, user_id, email).await
}

/// Whether this is the user's address and it is verified.
pub async fn is_verified(
    conn: &mut dyn Db,
    user_id: &str,
    email: &str,
) -> Result<bool, sqlx::Error> {
    db::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND email = $2 AND email_verified_at IS NOT NULL)",
    )
    .bind(user_id)
    .bind(email)
    .fetch_one(conn)
    .await
}

pub async fn email_of(conn: &mut dyn Db, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await
}

pub async fn has_user(conn: &mut dyn Db, email: &str) -> Result<bool, sqlx::Error> {
    db::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE email = $1)")
        .bind(email)
        .fetch_one(conn)
        .await
}

/// Gives the user the new address, verified. False when another user holds it.
pub async fn move_to(
    conn: &mut dyn Db,
    user_id: &str,
    email: &str,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let moved = db::query("UPDATE users SET email = $1, email_verified_at = $2 WHERE id = $3")
        .bind(email)
        .bind(now)
        .bind(user_id)
        .execute(conn)
        .await;
    match moved {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => Ok(false),
        Err(error) => Err(error),
    }
}
