use super::{AuditFilter, AuditRow};
use sqlx::SqliteConnection;

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
    String,
    String,
    String,
    String,
);

/// One page of an account's events, newest first (`?5` from the `?6`th), walked by
/// `audit_events_by_account` and never sorted (the tests assert its plan).
pub fn events_page_sql() -> String {
    format!(
        "SELECT e.created_at, u.display_name, u.email, e.actor_label, e.action, e.target_kind, e.target_name, e.details
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
            |(at, name, email, label, action, kind, target, details)| AuditRow {
                at,
                actor: match (name, email, label) {
                    (Some(name), Some(email), _) => format!("{name} <{email}>"),
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
