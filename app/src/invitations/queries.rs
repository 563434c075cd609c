//! Reads and writes of invitations. Writers take the caller's transaction.

use super::token::TokenHash;
use super::{BannerInvitation, PendingInvitation, RoleChoice};
use crate::permissions::{Permission, PermissionSet};
use crate::roles::BuiltinRole;
use sqlx::SqliteConnection;

/// An invitation as stored.
#[derive(Debug, Clone)]
pub struct StoredInvitation {
    pub id: String,
    pub account_id: String,
    pub account_name: String,
    pub email: String,
    pub status: String,
    pub token_hash: TokenHash,
    pub expires_at: String,
    pub invited_by: String,
    /// When its current link was mailed.
    pub sent_at: String,
}

impl StoredInvitation {
    pub fn is_open(&self, now: &str) -> bool {
        self.status == "pending" && self.expires_at.as_str() > now
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

const SELECT_INVITATION: &str = "SELECT i.id, i.account_id, a.name, i.email, i.status, i.token_hash, i.expires_at, u.display_name, i.sent_at
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
        status,
        token_hash: TokenHash(token_hash),
        expires_at,
        invited_by: invited_by.unwrap_or_else(|| "A former member".to_owned()),
        sent_at,
    }
}

pub async fn find_by_id(
    conn: &mut SqliteConnection,
    id: &str,
) -> Result<Option<StoredInvitation>, sqlx::Error> {
    let row: Option<InvitationRow> = sqlx::query_as(&format!("{SELECT_INVITATION} WHERE i.id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(from_row))
}

/// The invitation whose current token hashes to `hash`; an old token of a resent invitation
/// finds nothing.
pub async fn find_by_token(
    conn: &mut SqliteConnection,
    hash: &TokenHash,
) -> Result<Option<StoredInvitation>, sqlx::Error> {
    let row: Option<InvitationRow> =
        sqlx::query_as(&format!("{SELECT_INVITATION} WHERE i.token_hash = ?"))
            .bind(hash.0.as_slice())
            .fetch_optional(conn)
            .await?;
    Ok(row.map(from_row))
}

pub async fn role_names(
    conn: &mut SqliteConnection,
    invitation_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT r.name FROM invitation_roles ir JOIN roles r ON r.id = ir.role_id
         WHERE ir.invitation_id = ? ORDER BY r.builtin IS NULL, r.name COLLATE NOCASE",
    )
    .bind(invitation_id)
    .fetch_all(conn)
    .await
}

/// Marks the account's overdue pending invitations expired, so that they neither count toward
/// the limit nor block a new invitation to the same address.
pub async fn expire_overdue(
    conn: &mut SqliteConnection,
    account_id: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE invitations SET status = 'expired', resolved_at = expires_at
         WHERE account_id = ? AND status = 'pending' AND expires_at <= ?",
    )
    .bind(account_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count_open(
    conn: &mut SqliteConnection,
    account_id: &str,
    now: &str,
) -> Result<u32, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM invitations WHERE account_id = ? AND status = 'pending' AND expires_at > ?",
    )
    .bind(account_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn is_member_email(
    conn: &mut SqliteConnection,
    account_id: &str,
    email: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.account_id = ? AND u.email = ?)",
    )
    .bind(account_id)
    .bind(email)
    .fetch_one(conn)
    .await
}

pub async fn has_pending(
    conn: &mut SqliteConnection,
    account_id: &str,
    email: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE account_id = ? AND email = ? AND status = 'pending')",
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
    pub invited_by: &'a str,
    pub token_hash: &'a TokenHash,
    pub now: &'a str,
    pub expires_at: &'a str,
    pub role_ids: &'a [String],
}

pub async fn insert(
    conn: &mut SqliteConnection,
    new: &NewInvitation<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO invitations (id, account_id, email, invited_by, token_hash, created_at, sent_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(new.id)
    .bind(new.account_id)
    .bind(new.email)
    .bind(new.invited_by)
    .bind(new.token_hash.0.as_slice())
    .bind(new.now)
    .bind(new.now)
    .bind(new.expires_at)
    .execute(&mut *conn)
    .await?;
    for role_id in new.role_ids {
        sqlx::query("INSERT INTO invitation_roles (invitation_id, role_id) VALUES (?, ?)")
            .bind(new.id)
            .bind(role_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Ends a pending invitation; false when it was no longer pending (someone else got there first).
pub async fn resolve(
    conn: &mut SqliteConnection,
    invitation_id: &str,
    status: &str,
    by: &str,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invitations SET status = ?, resolved_at = ?, resolved_by = ?
         WHERE id = ? AND status = 'pending'",
    )
    .bind(status)
    .bind(now)
    .bind(by)
    .bind(invitation_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A new token and a new expiry for a pending invitation: the old link stops working.
pub async fn renew_token(
    conn: &mut SqliteConnection,
    invitation_id: &str,
    token_hash: &TokenHash,
    now: &str,
    expires_at: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invitations SET token_hash = ?, sent_at = ?, expires_at = ?
         WHERE id = ? AND status = 'pending'",
    )
    .bind(token_hash.0.as_slice())
    .bind(now)
    .bind(expires_at)
    .bind(invitation_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Makes `user_id` a member with the invitation's roles (Base is implicit). A member already
/// keeps their membership and gains the roles.
pub async fn join_with_roles(
    conn: &mut SqliteConnection,
    invitation_id: &str,
    account_id: &str,
    user_id: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO memberships (account_id, user_id, joined_at) VALUES (?, ?, ?)
         ON CONFLICT (account_id, user_id) DO NOTHING",
    )
    .bind(account_id)
    .bind(user_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT OR IGNORE INTO member_roles (account_id, user_id, role_id)
         SELECT ?, ?, role_id FROM invitation_roles WHERE invitation_id = ?",
    )
    .bind(account_id)
    .bind(user_id)
    .bind(invitation_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The open invitations of an account, or of those carrying `role_id`, newest first.
pub async fn list_open(
    conn: &mut SqliteConnection,
    account_id: &str,
    role_id: Option<&str>,
    now: &str,
) -> Result<Vec<PendingInvitation>, sqlx::Error> {
    type Row = (
        String,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT i.id, i.email, u.display_name, i.sent_at, i.expires_at,
                (SELECT group_concat(name, char(31)) FROM (
                    SELECT r.name FROM invitation_roles ir JOIN roles r ON r.id = ir.role_id
                    WHERE ir.invitation_id = i.id ORDER BY r.builtin IS NULL, r.name COLLATE NOCASE))
         FROM invitations i
         LEFT JOIN users u ON u.id = i.invited_by
         WHERE i.account_id = ? AND i.status = 'pending' AND i.expires_at > ?
           AND (? IS NULL OR EXISTS (SELECT 1 FROM invitation_roles ir WHERE ir.invitation_id = i.id AND ir.role_id = ?))
         ORDER BY i.sent_at DESC, i.email",
    )
    .bind(account_id)
    .bind(now)
    .bind(role_id)
    .bind(role_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, invited_by, sent_at, expires_at, roles)| {
            let mut roles: Vec<String> = roles
                .iter()
                .flat_map(|names| names.split('\u{1f}'))
                .map(str::to_owned)
                .collect();
            roles.push("Base".to_owned());
            PendingInvitation {
                id,
                email,
                roles,
                invited_by: invited_by.unwrap_or_else(|| "A former member".to_owned()),
                sent_at,
                expires_at,
            }
        })
        .collect())
}

/// The open invitations addressed to `email`, for the banner; `may_answer` is filled by the caller.
pub async fn open_for_email(
    conn: &mut SqliteConnection,
    email: &str,
    now: &str,
) -> Result<Vec<(BannerInvitation, TokenHash)>, sqlx::Error> {
    let rows: Vec<InvitationRow> = sqlx::query_as(&format!(
        "{SELECT_INVITATION} WHERE i.email = ? AND i.status = 'pending' AND i.expires_at > ? ORDER BY i.sent_at"
    ))
    .bind(email)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    let mut banner = Vec::with_capacity(rows.len());
    for row in rows {
        let invitation = from_row(row);
        let mut roles = role_names(conn, &invitation.id).await?;
        roles.push("Base".to_owned());
        banner.push((
            BannerInvitation {
                id: invitation.id,
                account_name: invitation.account_name,
                invited_by: invitation.invited_by,
                roles,
                expires_at: invitation.expires_at,
                may_answer: false,
            },
            invitation.token_hash,
        ));
    }
    Ok(banner)
}

/// The roles that may be given by invitation or in the roles dialog (Admin and the custom
/// roles; Base is implicit, Owner is handed over), each marked with whether `held` covers all
/// its permissions. One query for all of them.
pub async fn role_choices(
    conn: &mut SqliteConnection,
    account_id: &str,
    held: &PermissionSet,
) -> Result<Vec<RoleChoice>, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT r.id, r.name, r.builtin, rp.permission
         FROM roles r LEFT JOIN role_permissions rp ON rp.role_id = r.id AND r.builtin IS NULL
         WHERE r.account_id = ? AND (r.builtin IS NULL OR r.builtin = 'admin')
         ORDER BY r.builtin IS NULL, r.name COLLATE NOCASE, r.id",
    )
    .bind(account_id)
    .fetch_all(conn)
    .await?;
    let mut choices: Vec<RoleChoice> = Vec::new();
    for (id, name, builtin, permission) in rows {
        if choices.last().is_none_or(|c| c.id != id) {
            let grantable = builtin
                .as_deref()
                .and_then(BuiltinRole::from_key)
                .is_none_or(|role| role.permissions().iter().all(|p| held.contains(p)));
            choices.push(RoleChoice {
                id,
                name,
                grantable,
            });
        }
        // A name the code no longer knows grants nothing, so it asks nothing of the giver.
        if let Some(permission) = permission.as_deref().and_then(Permission::from_name)
            && !held.contains(permission)
            && let Some(last) = choices.last_mut()
        {
            last.grantable = false;
        }
    }
    Ok(choices)
}

/// Invitation mails (new and resent, by their audit rows) sent since `since`: how many, and the
/// time of the oldest, for the account and for the user.
pub async fn mails_sent_since(
    conn: &mut SqliteConnection,
    account_id: &str,
    user_id: &str,
    since: &str,
) -> Result<MailsSent, sqlx::Error> {
    let (by_account, oldest_by_account): (i64, Option<String>) = sqlx::query_as(
        "SELECT count(*), min(created_at) FROM audit_events
         WHERE account_id = ? AND created_at > ? AND action IN ('invitation.created', 'invitation.resent')",
    )
    .bind(account_id)
    .bind(since)
    .fetch_one(&mut *conn)
    .await?;
    let (by_user, oldest_by_user): (i64, Option<String>) = sqlx::query_as(
        "SELECT count(*), min(created_at) FROM audit_events
         WHERE actor_id = ? AND created_at > ? AND action IN ('invitation.created', 'invitation.resent')",
    )
    .bind(user_id)
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
