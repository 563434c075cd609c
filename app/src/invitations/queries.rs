//! Reads and writes of invitations. Writers take the caller's transaction. The lists pages
//! show are in [`listing`], the counts behind the mail limits in [`mail_counts`].

mod follow_up;
pub mod listing;
pub mod mail_counts;

pub use follow_up::*;

use super::{DeliveryStatus, InvitationStatus};
use crate::db::{self, Db};
use crate::secrets::SecretHash;

/// An invitation as stored.
#[derive(Debug, Clone)]
pub struct StoredInvitation {
    pub id: String,
    pub account_id: String,
    pub account_name: String,
    pub email: String,
    pub status: InvitationStatus,
    pub token_hash: SecretHash,
    pub expires_at: String,
    pub invited_by: String,
    /// When its current link was mailed.
    pub sent_at: String,
}

impl StoredInvitation {
    pub fn is_open(&self, now: &str) -> bool {
        self.status == InvitationStatus::Pending && self.expires_at.as_str() > now
    }
}

type InvitationRow = (
    String,
    String,
    String,
    String,
    String,
    Vec<u8>,
    String,
    Option<String>,
    String,
);

const SELECT_INVITATION: &str = "SELECT i.id, i.account_id, a.name, i.email, i.status, i.token_hash, i.expires_at, coalesce(u.display_name, i.invited_by_label), i.sent_at
     FROM invitations i
     JOIN accounts a ON a.id = i.account_id
     LEFT JOIN users u ON u.id = i.invited_by";

fn from_row(row: InvitationRow) -> StoredInvitation {
    let (id, account_id, account_name, email, status, hash, expires_at, invited_by, sent_at) = row;
    let mut token_hash = [0u8; 32];
    if hash.len() == 32 {
        token_hash.copy_from_slice(&hash);
    }
    StoredInvitation {
        id,
        account_id,
        account_name,
        email,
        status: InvitationStatus::from_name(&status),
        token_hash: SecretHash(token_hash),
        expires_at,
        invited_by: invited_by.unwrap_or_else(|| "A former member".to_owned()),
        sent_at,
    }
}

pub async fn find_by_id(
    conn: &mut dyn Db,
    id: &str,
) -> Result<Option<StoredInvitation>, sqlx::Error> {
    let row: Option<InvitationRow> = db::query_as(&format!("{SELECT_INVITATION} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(from_row))
}

/// The invitation whose current token hashes to `hash`; an old token of a resent invitation
/// finds nothing.
pub async fn find_by_token(
    conn: &mut dyn Db,
    hash: &SecretHash,
) -> Result<Option<StoredInvitation>, sqlx::Error> {
    let row: Option<InvitationRow> =
        db::query_as(&format!("{SELECT_INVITATION} WHERE i.token_hash = $1"))
            .bind(hash.0.as_slice())
            .fetch_optional(conn)
            .await?;
    Ok(row.map(from_row))
}

pub async fn role_names(
    conn: &mut dyn Db,
    invitation_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    db::query_scalar(
        "SELECT r.name FROM invitation_roles ir JOIN roles r ON r.id = ir.role_id
         WHERE ir.invitation_id = $1 ORDER BY r.builtin IS NULL, r.name COLLATE NOCASE",
    )
    .bind(invitation_id)
    .fetch_all(conn)
    .await
}

/// Marks overdue pending invitations expired, of one account or of all, so that they neither
/// count toward the limit nor block a new invitation to the same address. Each one marked:
/// its account, id and address.
pub async fn expire_overdue(
    conn: &mut dyn Db,
    account_id: Option<&str>,
    now: &str,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    db::query_as(
        "UPDATE invitations SET status = 'expired', resolved_at = expires_at
         WHERE ($1 IS NULL OR account_id = $1) AND status = 'pending' AND expires_at <= $2
         RETURNING account_id, id, email",
    )
    .bind(account_id)
    .bind(now)
    .fetch_all(conn)
    .await
}

pub async fn count_open(
    conn: &mut dyn Db,
    account_id: &str,
    now: &str,
) -> Result<u32, sqlx::Error> {
    let open: i64 = db::query_scalar(
        "SELECT count(*) FROM invitations WHERE account_id = $1 AND status = 'pending' AND expires_at > $2",
    )
    .bind(account_id)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(db::count(open))
}

pub async fn is_member_email(
    conn: &mut dyn Db,
    account_id: &str,
    email: &str,
) -> Result<bool, sqlx::Error> {
    db::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.account_id = $1 AND u.email = $2)",
    )
    .bind(account_id)
    .bind(email)
    .fetch_one(conn)
    .await
}

pub async fn has_pending(
    conn: &mut dyn Db,
    account_id: &str,
    email: &str,
) -> Result<bool, sqlx::Error> {
    db::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE account_id = $1 AND email = $2 AND status = 'pending')",
    )
    .bind(account_id)
    .bind(email)
    .fetch_one(conn)
    .await
}

pub struct NewInvitation<'a> {
    pub id: &'a str,
    pub account_id: &'a str,
    pub email: &'a str,
    /// The user who invited, or for a key, how the key is named (`invited_by_label`).
    pub invited_by: crate::audit::AuditActor<'a>,
    pub token_hash: &'a SecretHash,
    pub now: &'a str,
    pub expires_at: &'a str,
    pub role_ids: &'a [String],
}

pub async fn insert(conn: &mut dyn Db, new: &NewInvitation<'_>) -> Result<(), sqlx::Error> {
    db::query(
        "INSERT INTO invitations (id, account_id, email, invited_by, invited_by_label, token_hash, created_at, sent_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(new.id)
    .bind(new.account_id)
    .bind(new.email)
    .bind(match new.invited_by {
        crate::audit::AuditActor::User(id) => Some(id),
        crate::audit::AuditActor::Key { .. } => None,
    })
    .bind(match new.invited_by {
        crate::audit::AuditActor::User(_) => None,
        crate::audit::AuditActor::Key { name, .. } => Some(crate::audit::AuditActor::key_label(name)),
    })
    .bind(new.token_hash.0.as_slice())
    .bind(new.now)
    .bind(new.now)
    .bind(new.expires_at)
    .execute(&mut *conn)
    .await?;
    for role_id in new.role_ids {
        db::query("INSERT INTO invitation_roles (invitation_id, role_id) VALUES ($1, $2)")
            .bind(new.id)
            .bind(role_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Ends a pending invitation; false when it was no longer pending (someone else got there first).
pub async fn resolve(
    conn: &mut dyn Db,
    invitation_id: &str,
    status: InvitationStatus,
    by_user: Option<&str>,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let done = db::query(
        "UPDATE invitations SET status = $1, resolved_at = $2, resolved_by = $3
         WHERE id = $4 AND status = 'pending'",
    )
    .bind(status.name())
    .bind(now)
    .bind(by_user)
    .bind(invitation_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Why an invitation gets a new token: the old link stops working in each case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renewal {
    /// Mailed again with a new expiry (an expired invitation opens again); a reminder may follow.
    Resent,
    /// Its link copied by the inviter to hand over another way, with a new expiry; no mail.
    HandedOver,
    /// The one reminder, mailed; the expiry stays.
    Reminded,
}

/// A new token for an invitation that is pending (or, when resent, expired): the old link stops
/// working. False when it was answered or revoked meanwhile.
pub async fn renew_token(
    conn: &mut dyn Db,
    invitation_id: &str,
    token_hash: &SecretHash,
    now: &str,
    expires_at: &str,
    renewal: Renewal,
) -> Result<bool, sqlx::Error> {
    let (delivery, reminded_at, may_reopen) = match renewal {
        Renewal::Resent => (DeliveryStatus::Queued, None, true),
        Renewal::HandedOver => (DeliveryStatus::HandedOver, None, false),
        Renewal::Reminded => (DeliveryStatus::Queued, Some(now), false),
    };
    let done = db::query(
        "UPDATE invitations SET token_hash = $1, sent_at = COALESCE($2, sent_at), expires_at = $3,
                status = 'pending', resolved_at = NULL, resolved_by = NULL,
                delivery_status = $4, delivery_detail = NULL, delivery_retry_at = NULL,
                reminded_at = $5
         WHERE id = $6 AND (status = 'pending' OR ($7 AND status = 'expired'))
           AND (reminded_at IS NULL OR $8)",
    )
    .bind(token_hash.0.as_slice())
    .bind(if renewal == Renewal::Reminded {
        None
    } else {
        Some(now)
    })
    .bind(expires_at)
    .bind(delivery.key())
    .bind(reminded_at)
    .bind(invitation_id)
    .bind(may_reopen)
    // A reminder goes once, whichever server's sweep gets there first.
    .bind(renewal != Renewal::Reminded)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Makes `user_id` a member with the invitation's roles (Base is implicit). A member already
/// keeps their membership and gains the roles.
pub async fn join_with_roles(
    conn: &mut dyn Db,
    invitation_id: &str,
    account_id: &str,
    user_id: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    db::query(
        "INSERT INTO memberships (account_id, user_id, joined_at) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, user_id) DO NOTHING",
    )
    .bind(account_id)
    .bind(user_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    db::query(
        "INSERT INTO member_roles (account_id, user_id, role_id)
         SELECT $1, $2, role_id FROM invitation_roles WHERE invitation_id = $3
         ON CONFLICT DO NOTHING",
    )
    .bind(account_id)
    .bind(user_id)
    .bind(invitation_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
