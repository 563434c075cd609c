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
    // A person's cap counts what they sent and what their keys sent, in every account: a key
    // sends for its maker, so keys in more accounts never multiply the cap. A key whose maker
    // is gone counts on its own.
    let maker: Option<String> = match actor {
        crate::audit::AuditActor::User(id) => Some(id.to_owned()),
        crate::audit::AuditActor::Key { id, .. } => {
            db::query_scalar::<Option<String>>("SELECT created_by FROM api_keys WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
                .flatten()
        }
    };
    let (by_user, oldest_by_user): (i64, Option<String>) = match (&maker, actor) {
        (Some(maker), _) => {
            db::query_as(
                "SELECT count(*), min(created_at) FROM (
                     SELECT created_at FROM audit_events
                     WHERE actor_id = $1 AND created_at > $2
                       AND action IN ('invitation.created', 'invitation.resent')
                     UNION ALL
                     SELECT created_at FROM audit_events
                     WHERE actor_key_id IN (SELECT id FROM api_keys WHERE created_by = $1)
                       AND created_at > $2
                       AND action IN ('invitation.created', 'invitation.resent')
                 ) sent",
            )
            .bind(maker)
            .bind(since)
            .fetch_one(&mut *conn)
            .await?
        }
        (None, crate::audit::AuditActor::Key { id, .. }) => {
            db::query_as(
                "SELECT count(*), min(created_at) FROM audit_events
                 WHERE actor_key_id = $1 AND created_at > $2 AND action IN ('invitation.created', 'invitation.resent')",
            )
            .bind(id)
            .bind(since)
            .fetch_one(&mut *conn)
            .await?
        }
        (None, crate::audit::AuditActor::User(_)) => (0, None),
    };
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
