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
