//! The rows of `passkeys`: each a credential of one user, with its name and its state (the
//! public key and signature counter, as `webauthn-rs` keeps them, in JSON).

use crate::db::{self, Db, Pool};

/// A passkey as the profile lists it.
pub struct PasskeyRow {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

pub async fn of_user(conn: &mut dyn Db, user_id: &str) -> Result<Vec<PasskeyRow>, sqlx::Error> {
    let rows: Vec<(String, String, String, Option<String>)> = db::query_as(
        "SELECT id, name, created_at, last_used_at FROM passkeys WHERE user_id = $1
         ORDER BY created_at, id LIMIT 100",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, created_at, last_used_at)| PasskeyRow {
            id,
            name,
            created_at,
            last_used_at,
        })
        .collect())
}

/// The stored state (JSON) of each of the user's passkeys, with its row id.
pub async fn credentials_of_user(
    pool: &Pool,
    user_id: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    db::query_as("SELECT id, credential FROM passkeys WHERE user_id = $1 LIMIT 100")
        .bind(user_id)
        .fetch_all(pool)
        .await
}

pub async fn count_of_user(conn: &mut dyn Db, user_id: &str) -> Result<i64, sqlx::Error> {
    db::query_scalar("SELECT count(*) FROM passkeys WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(conn)
        .await
}

pub struct NewPasskey<'a> {
    pub user_id: &'a str,
    pub name: &'a str,
    pub credential_id: &'a [u8],
    pub credential: &'a str,
    pub now: &'a str,
}

/// Stores a new passkey; false when its credential is registered already.
pub async fn insert(conn: &mut dyn Db, passkey: &NewPasskey<'_>) -> Result<bool, sqlx::Error> {
    let inserted = db::query(
        "INSERT INTO passkeys (id, user_id, name, credential_id, credential, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(passkey.user_id)
    .bind(passkey.name)
    .bind(passkey.credential_id)
    .bind(passkey.credential)
    .bind(passkey.now)
    .execute(conn)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => Ok(false),
        Err(error) => Err(error),
    }
}

/// Records a use: the credential's new state (its counter) and when. Written only after
/// `webauthn-rs` verified the signature.
pub async fn record_use(
    conn: &mut dyn Db,
    id: &str,
    credential: Option<&str>,
    now: &str,
) -> Result<(), sqlx::Error> {
    db::query(
        "UPDATE passkeys SET credential = coalesce($1, credential), last_used_at = $2 WHERE id = $3",
    )
    .bind(credential)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes one of the user's passkeys; its name, or `None` when it was not theirs.
pub async fn remove(
    conn: &mut dyn Db,
    user_id: &str,
    id: &str,
) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar("DELETE FROM passkeys WHERE id = $1 AND user_id = $2 RETURNING name")
        .bind(id)
        .bind(user_id)
        .fetch_optional(conn)
        .await
}
