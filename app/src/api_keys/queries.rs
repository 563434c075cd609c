//! The `api_keys` and `api_key_permissions` tables; the answers kept for retries are in
//! [`replays`].

pub mod replays;

use super::ApiKeyRow;
use crate::db::{self, Db};
use crate::permissions::PermissionSet;

pub struct NewKey<'a> {
    pub id: &'a str,
    pub account_id: &'a str,
    pub name: &'a str,
    pub secret_hash: &'a [u8; 32],
    pub hint: &'a str,
    pub created_by: Option<&'a str>,
    pub created_at: &'a str,
    pub expires_at: Option<&'a str>,
    pub permissions: &'a PermissionSet,
}

pub async fn insert(conn: &mut dyn Db, key: &NewKey<'_>) -> Result<(), sqlx::Error> {
    db::query(
        "INSERT INTO api_keys (id, account_id, name, secret_hash, hint, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(key.id)
    .bind(key.account_id)
    .bind(key.name)
    .bind(key.secret_hash.as_slice())
    .bind(key.hint)
    .bind(key.created_by)
    .bind(key.created_at)
    .bind(key.expires_at)
    .execute(&mut *conn)
    .await?;
    for permission in key.permissions.iter() {
        db::query("INSERT INTO api_key_permissions (key_id, permission) VALUES ($1, $2)")
            .bind(key.id)
            .bind(permission.name())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ListedKey {
    id: String,
    name: String,
    hint: String,
    created_by: Option<String>,
    maker_id: Option<String>,
    created_at: String,
    expires_at: Option<String>,
    last_used_at: Option<String>,
    revoked_at: Option<String>,
    permissions: Option<String>,
}

/// The account's keys, newest first, each with its permissions (one statement).
pub async fn list(conn: &mut dyn Db, account_id: &str) -> Result<Vec<ApiKeyRow>, sqlx::Error> {
    let rows: Vec<ListedKey> = db::query_as(
        "SELECT k.id, k.name, k.hint, u.display_name AS created_by, k.created_by AS maker_id,
                k.created_at, k.expires_at,
                k.last_used_at, k.revoked_at,
                (SELECT string_agg(permission, ' ' ORDER BY permission)
                 FROM api_key_permissions WHERE key_id = k.id) AS permissions
         FROM api_keys k LEFT JOIN users u ON u.id = k.created_by
         WHERE k.account_id = $1
         ORDER BY k.created_at DESC, k.id",
    )
    .bind(account_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|key| ApiKeyRow {
            id: key.id,
            name: key.name,
            hint: key.hint,
            permissions: key
                .permissions
                .unwrap_or_default()
                .split(' ')
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            created_by: key
                .created_by
                .unwrap_or_else(|| "A former member".to_owned()),
            maker_id: key.maker_id,
            suspended: None,
            created_at: key.created_at,
            expires_at: key.expires_at,
            last_used_at: key.last_used_at,
            revoked_at: key.revoked_at,
        })
        .collect())
}

/// Revokes a key of the account that is not revoked yet; its name when it did.
pub async fn revoke(
    conn: &mut dyn Db,
    account_id: &str,
    key_id: &str,
    now: &str,
) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar(
        "UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND account_id = $3 AND revoked_at IS NULL
         RETURNING name",
    )
    .bind(now)
    .bind(key_id)
    .bind(account_id)
    .fetch_optional(conn)
    .await
}

/// A key of the account, live or not, as adopting it needs it: name, permissions, revoked.
pub async fn find(
    conn: &mut dyn Db,
    account_id: &str,
    key_id: &str,
) -> Result<Option<(String, PermissionSet, bool)>, sqlx::Error> {
    let row: Option<(String, Option<String>, bool)> = db::query_as(
        "SELECT k.name,
                (SELECT string_agg(permission, ' ' ORDER BY permission) FROM api_key_permissions WHERE key_id = k.id),
                k.revoked_at IS NOT NULL
         FROM api_keys k WHERE k.id = $1 AND k.account_id = $2",
    )
    .bind(key_id)
    .bind(account_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(name, names, revoked)| {
        (
            name,
            PermissionSet::known_of_stored(names.as_deref().unwrap_or_default()),
            revoked,
        )
    }))
}

/// Makes `maker_id` the member whose delegate the key is.
pub async fn set_maker(
    conn: &mut dyn Db,
    account_id: &str,
    key_id: &str,
    maker_id: &str,
) -> Result<(), sqlx::Error> {
    db::query("UPDATE api_keys SET created_by = $1 WHERE id = $2 AND account_id = $3")
        .bind(maker_id)
        .bind(key_id)
        .bind(account_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The live keys `maker_id` made in the account, by name, oldest first: what their removal,
/// demotion or departure would suspend.
pub async fn live_keys_made_by(
    conn: &mut dyn Db,
    account_id: &str,
    maker_id: &str,
    now: &str,
) -> Result<Vec<String>, sqlx::Error> {
    db::query_scalar(
        "SELECT name FROM api_keys
         WHERE account_id = $1 AND created_by = $2 AND revoked_at IS NULL
           AND (expires_at IS NULL OR expires_at > $3)
         ORDER BY created_at, id LIMIT 100",
    )
    .bind(account_id)
    .bind(maker_id)
    .bind(now)
    .fetch_all(conn)
    .await
}

/// The live keys `maker_id` made, in every account: "“ci-bot” in Acme", oldest first.
pub async fn live_keys_of_maker(
    conn: &mut dyn Db,
    maker_id: &str,
    now: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String, String)> = db::query_as(
        "SELECT k.name, a.name FROM api_keys k JOIN accounts a ON a.id = k.account_id
         WHERE k.created_by = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $2)
         ORDER BY k.created_at, k.id LIMIT 100",
    )
    .bind(maker_id)
    .bind(now)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key, account)| format!("\u{201c}{key}\u{201d} in {account}"))
        .collect())
}
