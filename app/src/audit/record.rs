use sqlx::SqliteConnection;

pub struct AuditEvent<'a> {
    pub account_id: &'a str,
    pub actor_id: &'a str,
    pub action: super::AuditAction,
    pub target_kind: &'a str,
    pub target_id: &'a str,
    pub target_name: &'a str,
    pub details: serde_json::Value,
}

pub async fn record(conn: &mut SqliteConnection, event: AuditEvent<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_events (account_id, actor_id, action, target_kind, target_id, target_name, details, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(event.account_id)
    .bind(event.actor_id)
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
