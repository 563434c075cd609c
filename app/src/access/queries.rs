//! The reads every door makes: a member's rights in an account, and the live key a secret
//! opens. Read on every request (and again inside each write's transaction), never cached
//! beyond one page.

use crate::db::{self, Db, Pool};
use crate::permissions::{BuiltinRole, Permission, PermissionSet};

/// What a member may do in an account, and whether they own it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRights {
    pub permissions: PermissionSet,
    pub is_owner: bool,
    /// The account requires a second factor and this member has none: every door refuses them
    /// in this account until they add one (they stay a member).
    pub needs_second_factor: bool,
}

/// The union of the permissions of every role `user_id` holds in the account (Base always,
/// Owner when they own it), or `None` when they are not a member. Read on every call.
pub async fn effective_permissions(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
) -> Result<Option<PermissionSet>, sqlx::Error> {
    Ok(member_rights(conn, account_id, user_id)
        .await?
        .map(|rights| rights.permissions))
}

/// As [`effective_permissions`], with whether the member owns the account (same statement).
pub async fn member_rights(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
) -> Result<Option<MemberRights>, sqlx::Error> {
    // One statement: the membership itself (as the Owner role, or Base), then every role held
    // with its permissions. No row at all: not a member (a held role needs a membership).
    let rows: Vec<(bool, Option<String>, Option<String>)> = db::query_as(
        "SELECT TRUE, CASE WHEN EXISTS (SELECT 1 FROM account_owners o
                                     WHERE o.account_id = m.account_id AND o.user_id = m.user_id)
                        THEN 'owner' ELSE 'base' END,
                CASE WHEN a.second_factor_required_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM authenticator_apps f
                                      WHERE f.user_id = m.user_id AND f.confirmed_at IS NOT NULL)
                      AND NOT EXISTS (SELECT 1 FROM passkeys p WHERE p.user_id = m.user_id)
                     THEN 'needs_second_factor' END
         FROM memberships m JOIN accounts a ON a.id = m.account_id
         WHERE m.account_id = $1 AND m.user_id = $2
         UNION ALL
         SELECT FALSE, r.builtin, rp.permission
         FROM member_roles mr
         JOIN roles r ON r.id = mr.role_id
         LEFT JOIN role_permissions rp ON rp.role_id = r.id AND r.builtin IS NULL
         WHERE mr.account_id = $1 AND mr.user_id = $2",
    )
    .bind(account_id)
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await?;
    let Some((_, membership, blocked)) = rows.iter().find(|(is_membership, ..)| *is_membership)
    else {
        return Ok(None);
    };
    let needs_second_factor = blocked.is_some();
    let is_owner = membership.as_deref() == Some(BuiltinRole::Owner.key());
    let mut held: Vec<Permission> = BuiltinRole::Base.permissions().iter().collect();
    for (is_membership, builtin, permission) in &rows {
        if let Some(role) = builtin.as_deref().and_then(BuiltinRole::from_key) {
            held.extend(role.permissions().iter());
        }
        // The membership's third column is the second-factor flag, not a permission.
        if !is_membership {
            held.extend(permission.as_deref().and_then(Permission::from_name));
        }
    }
    Ok(Some(MemberRights {
        permissions: PermissionSet::new(held),
        is_owner,
        needs_second_factor,
    }))
}

/// A key that works: not revoked, not expired.
#[derive(Debug, Clone)]
pub struct LiveKey {
    pub id: String,
    pub account_id: String,
    pub name: String,
    pub permissions: PermissionSet,
    pub last_used_at: Option<String>,
    /// The member whose delegate the key is (`None` once their user is deleted).
    pub created_by: Option<String>,
}

#[derive(sqlx::FromRow)]
struct KeyRecord {
    id: String,
    account_id: String,
    name: String,
    last_used_at: Option<String>,
    created_by: Option<String>,
    permissions: Option<String>,
}

/// The live key with this secret's hash, with its permissions, in one statement.
pub async fn live_key(
    pool: &Pool,
    secret_hash: &[u8; 32],
    now: &str,
) -> Result<Option<LiveKey>, sqlx::Error> {
    let record: Option<KeyRecord> = db::query_as(
        "SELECT k.id, k.account_id, k.name, k.last_used_at, k.created_by,
                (SELECT string_agg(permission, ' ' ORDER BY permission) FROM api_key_permissions WHERE key_id = k.id)
                AS permissions
         FROM api_keys k
         WHERE k.secret_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $2)",
    )
    .bind(secret_hash.as_slice())
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(record.map(|record| LiveKey {
        id: record.id,
        account_id: record.account_id,
        name: record.name,
        permissions: PermissionSet::known_of_stored(
            record.permissions.as_deref().unwrap_or_default(),
        ),
        last_used_at: record.last_used_at,
        created_by: record.created_by,
    }))
}

/// What a live key of `account_id` carries now (read again inside a write's transaction) and
/// who made it, or `None` once it is revoked or expired.
pub async fn key_rights(
    conn: &mut dyn Db,
    account_id: &str,
    key_id: &str,
    now: &str,
) -> Result<Option<(PermissionSet, Option<String>)>, sqlx::Error> {
    let row: Option<(Option<String>, Option<String>)> = db::query_as(
        "SELECT (SELECT string_agg(permission, ' ' ORDER BY permission) FROM api_key_permissions WHERE key_id = k.id),
                k.created_by
         FROM api_keys k
         WHERE k.id = $1 AND k.account_id = $2 AND k.revoked_at IS NULL
           AND (k.expires_at IS NULL OR k.expires_at > $3)",
    )
    .bind(key_id)
    .bind(account_id)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(names, created_by)| {
        (
            PermissionSet::known_of_stored(names.as_deref().unwrap_or_default()),
            created_by,
        )
    }))
}

/// Records that the key was used (at most once a minute, see `key_door`).
pub async fn mark_used(pool: &Pool, key_id: &str, now: &str) -> Result<(), sqlx::Error> {
    db::query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(key_id)
        .execute(pool)
        .await?;
    Ok(())
}
