//! How many invitation mails went out lately, for the mail limits.

use crate::db::{self, Db};

/// Invitation mails (new and resent, by their audit rows) sent since `since`: how many, and the
/// time of the oldest, for the account and for the user.
pub async fn mails_sent_since(
    conn: &mut dyn Db,
    account_id: &str,
    actor: crate::audit::AuditActor<'_>,
    since: &str,
) -> Result<MailsSent, sqlx::Error> {
    let (by_account, oldest_by_account): (i64, Option<String>) = db::query_as(
        "SELECT count(*), min(created_at) FROM audit_events
         WHERE account_id = $1 AND created_at > $2 AND action IN ('invitation.created', 'invitation.resent')",
    )
    .bind(account_id)
    .bind(since)
    .fetch_one(&mut *conn)
    .await?;
    // A key's sendings are capped as a user's are, each by its own partial index.
    let (sql, actor_id) = match actor {
        crate::audit::AuditActor::User(id) => (
            "SELECT count(*), min(created_at) FROM audit_events
             WHERE actor_id = $1 AND created_at > $2 AND action IN ('invitation.created', 'invitation.resent')",
            id,
        ),
        crate::audit::AuditActor::Key { id, .. } => (
            "SELECT count(*), min(created_at) FROM audit_events
             WHERE actor_key_id = $1 AND created_at > $2 AND action IN ('invitation.created', 'invitation.resent')",
            id,
        ),
    };
    let (by_user, oldest_by_user): (i64, Option<String>) = db::query_as(sql)
        .bind(actor_id)
        .bind(since)
        .fetch_one(&mut *conn)
        .await?;
    Ok(MailsSent {
        by_account: u32::try_from(by_account).unwrap_or(u32::MAX),
        oldest_by_account,
        by_user: u32::try_from(by_user).unwrap_or(u32::MAX),
        oldest_by_user,
    })
}

pub struct MailsSent {
    pub by_account: u32,
    pub oldest_by_account: Option<String>,
    pub by_user: u32,
    pub oldest_by_user: Option<String>,
}
