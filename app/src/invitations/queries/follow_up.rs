//! The writes and reads that follow an invitation after it was sent: what its mail did, the
//! reminder due, a corrected address, the invitations a leaving member sent, an expired one
//! taken off the list.

use crate::db::{self, Db};
use crate::invitations::DeliveryStatus;

/// The addresses of the pending invitations `user_id` sent in the account, at most 50 (the
/// account's usual limit), in order.
pub async fn pending_sent_by(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
    now: &str,
) -> Result<Vec<String>, sqlx::Error> {
    db::query_scalar(
        "SELECT email FROM invitations
         WHERE invited_by = $1 AND account_id = $2 AND status = 'pending' AND expires_at > $3
         ORDER BY email LIMIT 50",
    )
    .bind(user_id)
    .bind(account_id)
    .bind(now)
    .fetch_all(conn)
    .await
}

/// The ids of every pending invitation `user_id` sent in the account.
pub async fn pending_ids_sent_by(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    db::query_scalar(
        "SELECT id FROM invitations WHERE invited_by = $1 AND account_id = $2 AND status = 'pending'",
    )
    .bind(user_id)
    .bind(account_id)
    .fetch_all(conn)
    .await
}

/// Ends every pending invitation `user_id` sent, in every account, as revoked by them: each
/// one's account, id and address.
pub async fn revoke_all_pending_sent_by(
    conn: &mut dyn Db,
    user_id: &str,
    now: &str,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    db::query_as(
        "UPDATE invitations SET status = 'revoked', resolved_at = $1, resolved_by = $2
         WHERE invited_by = $3 AND status = 'pending'
         RETURNING account_id, id, email",
    )
    .bind(now)
    .bind(user_id)
    .bind(user_id)
    .fetch_all(conn)
    .await
}

/// Takes an expired invitation off the list (as revoked); false when it is not expired.
pub async fn forget_expired(
    conn: &mut dyn Db,
    invitation_id: &str,
    by: crate::audit::AuditActor<'_>,
) -> Result<bool, sqlx::Error> {
    let by_user = match by {
        crate::audit::AuditActor::User(id) => Some(id),
        crate::audit::AuditActor::Key { .. } => None,
    };
    let done = db::query(
        "UPDATE invitations SET status = 'revoked', resolved_by = $1 WHERE id = $2 AND status = 'expired'",
    )
    .bind(by_user)
    .bind(invitation_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Readdresses a pending invitation; false when it is no longer pending.
pub async fn change_email(
    conn: &mut dyn Db,
    invitation_id: &str,
    email: &str,
) -> Result<bool, sqlx::Error> {
    let done = db::query("UPDATE invitations SET email = $1 WHERE id = $2 AND status = 'pending'")
        .bind(email)
        .bind(invitation_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// What the invitation's latest mail did, while the invitation is pending.
pub async fn set_delivery(
    conn: &mut dyn Db,
    invitation_id: &str,
    delivery: DeliveryStatus,
    detail: Option<&str>,
    retry_at: Option<&str>,
) -> Result<Option<(String, String)>, sqlx::Error> {
    db::query_as(
        "UPDATE invitations SET delivery_status = $1, delivery_detail = $2, delivery_retry_at = $3
         WHERE id = $4 AND status = 'pending'
         RETURNING account_id, email",
    )
    .bind(delivery.key())
    .bind(detail)
    .bind(retry_at)
    .bind(invitation_id)
    .fetch_optional(conn)
    .await
}

/// An invitation whose one reminder is due.
#[derive(Debug, sqlx::FromRow)]
pub struct DueReminder {
    pub id: String,
    pub email: String,
    pub account_name: String,
    pub expires_at: String,
    pub inviter_name: Option<String>,
    pub inviter_email: Option<String>,
}

/// Pending invitations whose mail went out before `sent_before`, not yet reminded, and whose
/// link still works: at most `limit`, the oldest first.
pub async fn due_reminders(
    conn: &mut dyn Db,
    sent_before: &str,
    now: &str,
    limit: u32,
) -> Result<Vec<DueReminder>, sqlx::Error> {
    db::query_as(
        "SELECT i.id, i.email, a.name AS account_name, i.expires_at,
                u.display_name AS inviter_name, u.email AS inviter_email
         FROM invitations i
         JOIN accounts a ON a.id = i.account_id
         LEFT JOIN users u ON u.id = i.invited_by
         WHERE i.status = 'pending' AND i.reminded_at IS NULL AND i.sent_at <= $1
           AND i.delivery_status = 'sent' AND i.expires_at > $2
         ORDER BY i.sent_at LIMIT $3",
    )
    .bind(sent_before)
    .bind(now)
    .bind(limit)
    .fetch_all(conn)
    .await
}
