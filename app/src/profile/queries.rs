//! Changes a user makes to themselves.

use crate::domain::DisplayName;
use sqlx::{SqliteConnection, SqlitePool};

pub async fn set_display_name(
    pool: &SqlitePool,
    user_id: &str,
    name: &DisplayName,
) -> Result<(), sqlx::Error> {
    // The members tables' sort keys follow by trigger.
    sqlx::query("UPDATE users SET display_name = ? WHERE id = ?")
        .bind(name.as_str())
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn password_hash(
    pool: &SqlitePool,
    user_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_optional(pool)
        .await
}

pub async fn set_password_hash(
    conn: &mut SqliteConnection,
    user_id: &str,
    hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}
