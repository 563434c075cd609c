//! The audit log's table: events written inside the change's transaction, and the log's reads.

use super::{AuditFilter, AuditRow};
use crate::db::{self, Db};
use crate::webhooks::queries::Announcement;

/// Who did it: a signed-in user, or an API key of the account.
#[derive(Clone, Copy, Debug)]
pub enum AuditActor<'a> {
    User(&'a str),
    Key { id: &'a str, name: &'a str },
}

impl AuditActor<'_> {
    /// The actor as a webhook names it.
    pub fn as_json(self) -> serde_json::Value {
        match self {
            Self::User(id) => serde_json::json!({ "kind": "user", "id": id }),
            Self::Key { id, name } => {
                serde_json::json!({ "kind": "api_key", "id": id, "name": name })
            }
        }
    }

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

/// Appends the event to the log and, when it is one that webhooks announce, queues it for the
/// account's endpoints, all in the caller's transaction.
pub async fn record(conn: &mut dyn Db, event: AuditEvent<'_>) -> Result<(), sqlx::Error> {
    let now = crate::server::now_rfc3339();
    let (user_id, key_id, label) = match event.actor {
        AuditActor::User(id) => (Some(id), None, None),
        AuditActor::Key { id, name } => (None, Some(id), Some(AuditActor::key_label(name))),
    };
    db::query(
        "INSERT INTO audit_events (account_id, actor_id, actor_key_id, actor_label, action, target_kind, target_id, target_name, details, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
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
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    if let Some(webhook) = event.action.announced_as() {
        let announcement = Announcement {
            account_id: event.account_id,
            event: webhook,
            actor: event.actor.as_json(),
            target_kind: event.target_kind,
            target_id: event.target_id,
            target_name: event.target_name,
            details: &event.details,
        };
        crate::webhooks::queries::announce(conn, &announcement, &now).await?;
    }
    Ok(())
}

/// The same event, done by the user to themselves, in every account they belong to (a sign-in,
/// a password reset).
pub async fn record_in_accounts_of(
    conn: &mut dyn Db,
    user_id: &str,
    action: super::AuditAction,
    details: serde_json::Value,
) -> Result<(), sqlx::Error> {
    db::query(
        "INSERT INTO audit_events (account_id, actor_id, action, target_kind, target_id, target_name, details, created_at)
         SELECT m.account_id, u.id, $1, 'member', u.id, u.email, $2, $3
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = $4",
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
     WHERE e.account_id = $1 AND e.id < $7
       AND ($2 = '' OR instr(lower(coalesce(u.email, '') || ' ' || coalesce(u.display_name, '') || ' ' || coalesce(e.actor_label, '')), lower($2)) > 0)
       AND ($3 = '' OR instr(lower(e.target_name), lower($3)) > 0)
       AND ($4 = '' OR e.action = $4)";

/// One event as stored, with its actor's name when the actor is a user who still exists.
#[derive(sqlx::FromRow)]
pub struct AuditRecord {
    pub id: i64,
    pub created_at: String,
    pub actor_user_id: Option<String>,
    pub actor_name: Option<String>,
    pub actor_email: Option<String>,
    pub actor_key_id: Option<String>,
    pub actor_label: Option<String>,
    pub by_key: bool,
    pub action: String,
    pub target_kind: String,
    pub target_id: String,
    pub target_name: String,
    pub details: String,
}

impl AuditRecord {
    /// The actor as a person reads it: "Ada <ada@…>", "API key 'ci-bot'", or who they were.
    pub fn actor_text(&self) -> String {
        match (&self.actor_name, &self.actor_email, &self.actor_label) {
            (Some(name), Some(email), _) => format!("{name} <{email}>"),
            (_, _, Some(label)) if self.by_key => label.clone(),
            (_, _, Some(label)) => format!("{label} (user deleted)"),
            _ => "A former user".to_owned(),
        }
    }

    pub fn into_row(self) -> AuditRow {
        AuditRow {
            at: self.created_at.clone(),
            actor: self.actor_text(),
            action: self.action,
            target: format!("{}: {}", self.target_kind, self.target_name),
            details: self.details,
        }
    }
}

/// Where a list of events starts: the newest, or below an event already seen.
#[derive(Clone, Copy, Debug)]
pub enum EventsFrom {
    Newest,
    Below(i64),
}

/// One page of an account's events, newest first (`$5` from the `$6`th, below id `$7`), walked
/// by `audit_events_by_account` and never sorted (the tests assert its plan).
pub fn events_page_sql() -> String {
    format!(
        "SELECT e.id, e.created_at, e.actor_id AS actor_user_id, u.display_name AS actor_name, u.email AS actor_email,
                e.actor_key_id, e.actor_label, e.actor_key_id IS NOT NULL AS by_key, e.action, e.target_kind,
                e.target_id, e.target_name, e.details
         {FROM_WHERE} ORDER BY e.id DESC LIMIT $5 OFFSET $6"
    )
}

/// Newest first, filtered, `limit` from `offset` after `from`. The log is never counted: it
/// only grows.
pub async fn events(
    conn: &mut dyn Db,
    account_id: &str,
    filter: &AuditFilter,
    from: EventsFrom,
    limit: u32,
    offset: u32,
) -> Result<Vec<AuditRecord>, sqlx::Error> {
    let below = match from {
        EventsFrom::Newest => i64::MAX,
        EventsFrom::Below(id) => id,
    };
    db::query_as(&events_page_sql())
        .bind(account_id)
        .bind(filter.actor.trim())
        .bind(filter.target.trim())
        .bind(filter.action.trim())
        .bind(limit)
        .bind(offset)
        .bind(below)
        .fetch_all(&mut *conn)
        .await
}
