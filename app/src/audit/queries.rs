//! The audit log's table: events written inside the change's transaction, and the log's reads.

use super::{AuditFilter, AuditRow};
use sqlx::SqliteConnection;

/// Who did it: a signed-in user, or an API key of the account.
#[derive(Clone, Copy, Debug)]
pub enum AuditActor<'a> {
    User(&'a str),
    Key { id: &'a str, name: &'a str },
}

impl AuditActor<'_> {
    /// How the log names a key, which reads the same after the key is revoked.
    pub fn key_label(name: &str) -> String {
        format!("API key \u{2018}{name}\u{2019}")
    }
}

pub struct AuditEvent<'a> {
    pub account_id: &'a str,
    pub actor: AuditActor<'a>,
    pub action: super::AuditAction,
    pub target_kind: &'a str,
    pub target_id: &'a str,
    pub target_name: &'a str,
    pub details: serde_json::Value,
}

pub async fn record(conn: &mut SqliteConnection, event: AuditEvent<'_>) -> Result<(), sqlx::Error> {
    let (user_id, key_id, label) = match event.actor {
        AuditActor::User(id) => (Some(id), None, None),
        AuditActor::Key { id, name } => (None, Some(id), Some(AuditActor::key_label(name))),
    };
    sqlx::query(
        "INSERT INTO audit_events (account_id, actor_id, actor_key_id, actor_label, action, target_kind, target_id, target_name, details, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(event.account_id)
    .bind(user_id)
    .bind(key_id)
    .bind(label)
    .bind(event.action.name())
    .bind(event.target_kind)
    .bind(event.target_id)
    .bind(event.target_name)
    .bind(event.details.to_string())
    .bind(crate::server::now_rfc3339())
    .execute(conn)
    .await?;
    Ok(())
}

/// The same event, done by the user to themselves, in every account they belong to (a sign-in,
/// a password reset).
pub async fn record_in_accounts_of(
    conn: &mut SqliteConnection,
    user_id: &str,
    action: super::AuditAction,
    details: serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_events (account_id, actor_id, action, target_kind, target_id, target_name, details, created_at)
         SELECT m.account_id, u.id, ?, 'member', u.id, u.email, ?, ?
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = ?",
    )
    .bind(action.name())
    .bind(details.to_string())
    .bind(crate::server::now_rfc3339())
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(())
}

const FROM_WHERE: &str = "FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
     WHERE e.account_id = ?1
       AND (?2 = '' OR instr(lower(coalesce(u.email, '') || ' ' || coalesce(u.display_name, '') || ' ' || coalesce(e.actor_label, '')), lower(?2)) > 0)
       AND (?3 = '' OR instr(lower(e.target_name), lower(?3)) > 0)
       AND (?4 = '' OR e.action = ?4)";

type Row = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    bool,
    String,
    String,
    String,
    String,
);

/// One page of an account's events, newest first (`?5` from the `?6`th), walked by
/// `audit_events_by_account` and never sorted (the tests assert its plan).
pub fn events_page_sql() -> String {
    format!(
        "SELECT e.created_at, u.display_name, u.email, e.actor_label, e.actor_key_id IS NOT NULL, e.action, e.target_kind, e.target_name, e.details
         {FROM_WHERE} ORDER BY e.id DESC LIMIT ?5 OFFSET ?6"
    )
}

/// Newest first, filtered, `limit` from `offset`. The log is never counted: it only grows.
pub async fn events(
    conn: &mut SqliteConnection,
    account_id: &str,
    filter: &AuditFilter,
    limit: u32,
    offset: u32,
) -> Result<Vec<AuditRow>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&events_page_sql())
        .bind(account_id)
        .bind(filter.actor.trim())
        .bind(filter.target.trim())
        .bind(filter.action.trim())
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(at, name, email, label, by_key, action, kind, target, details)| AuditRow {
                at,
                actor: match (name, email, label) {
                    (Some(name), Some(email), _) => format!("{name} <{email}>"),
                    (_, _, Some(label)) if by_key => label,
                    (_, _, Some(label)) => format!("{label} (user deleted)"),
                    _ => "A former user".to_owned(),
                },
                action,
                target: format!("{kind}: {target}"),
                details,
            },
        )
        .collect())
}
