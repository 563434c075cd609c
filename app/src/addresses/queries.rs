//! The address columns of `users`.

use sqlx::SqliteConnection;

/// Marks the address verified if it is still the user's. True when it is verified afterwards.
pub async fn mark_verified(
    conn: &mut SqliteConnection,
    user_id: &str,
    email: &str,
    now: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query("UPDATE users SET email_verified_at = ? WHERE id = ? AND email = ? AND email_verified_at IS NULL")
        .bind(now)
        .bind(user_id)
        .bind(email)
        .execute(&mut *conn)
        .await?;
    is_verified(conn, user_id, email).await
}

/// Whether this is the user's address and it is verified.
pub async fn is_verified(
    conn: &mut SqliteConnection,
    user_id: &str,
    email: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM users WHERE id = ? AND email = ? AND email_verified_at IS NOT NULL)",
    )
    .bind(user_id)
    .bind(email)
    .fetch_one(conn)
    .await
}

pub async fn email_of(
    conn: &mut SqliteConnection,
    user_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT email FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_optional(conn)
        .await
}

pub async fn has_user(conn: &mut SqliteConnection, email: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE email = ?)")
        .bind(email)
        .fetch_one(conn)
        .await
}

/// Gives the user the new address, verified. False when another user holds it.
pub async fn move_to(
    conn: &mut SqliteConnection,
    user_id: &str,
    email: &str,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let moved = sqlx::query("UPDATE users SET email = ?, email_verified_at = ? WHERE id = ?")
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
