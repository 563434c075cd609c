//! Changes a user makes to themselves.

use crate::db::{self, Db, Pool};
use crate::domain::DisplayName;

pub async fn set_display_name(
    pool: &Pool,
    user_id: &str,
    name: &DisplayName,
) -> Result<(), sqlx::Error> {
    // The members tables' sort keys follow by trigger.
    db::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(name.as_str())
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn password_hash(pool: &Pool, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await
}

pub async fn set_password_hash(
    conn: &mut dyn Db,
    user_id: &str,
    hash: &str,
) -> Result<(), sqlx::Error> {
    db::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The names of the accounts the user owns (an owner cannot leave them).
pub async fn owned_account_names(
    conn: &mut dyn Db,
    user_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    db::query_scalar(
        "SELECT a.name FROM account_owners o JOIN accounts a ON a.id = o.account_id
         WHERE o.user_id = $1 ORDER BY a.name COLLATE NOCASE LIMIT 20",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await
}

/// Deletes the user: the invitations they sent that still wait are revoked, their audit rows
/// keep who they were, each account they leave records it, then the user row goes (memberships, roles, sessions and links with it). Returns how
/// many accounts they left.
pub async fn delete_user(
    conn: &mut dyn Db,
    user: &crate::auth::CurrentUser,
) -> Result<u64, sqlx::Error> {
    let label = format!("{} <{}>", user.display_name, user.email);
    let now = crate::server::now_rfc3339();
    crate::invitations::rules::revoke_all_sent_by_leaver(conn, &user.id, &now).await?;
    crate::audit::record_in_accounts_of(
        conn,
        &user.id,
        crate::audit::AuditAction::MemberLeft,
        serde_json::json!({}),
    )
    .await?;
    db::query("UPDATE audit_events SET actor_label = $1 WHERE actor_id = $2")
        .bind(&label)
        .bind(&user.id)
        .execute(&mut *conn)
        .await?;
    let left = db::query("DELETE FROM memberships WHERE user_id = $1")
        .bind(&user.id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    db::query("DELETE FROM users WHERE id = $1")
        .bind(&user.id)
        .execute(conn)
        .await?;
    Ok(left)
}
