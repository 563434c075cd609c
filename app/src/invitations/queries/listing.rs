//! The invitation lists the pages show: an account's pending ones, the banner's, and the roles
//! an invitation may carry.

use super::{InvitationRow, SELECT_INVITATION, from_row, role_names};
use crate::db::{self, Db};
use crate::invitations::{BannerInvitation, DeliveryStatus, MailDelivery, PendingInvitation};
use crate::permissions::BuiltinRole;
use crate::permissions::{Permission, PermissionSet};
use crate::secrets::SecretHash;

/// The open invitations of an account, or of those carrying `role_id`, newest first.
pub async fn list_open(
    conn: &mut dyn Db,
    account_id: &str,
    role_id: Option<&str>,
    now: &str,
) -> Result<Vec<PendingInvitation>, sqlx::Error> {
    let rows: Vec<ListedRow> = db::query_as(&format!(
        "{SELECT_LISTED}
         WHERE i.account_id = $1 AND i.status = 'pending' AND i.expires_at > $2
           AND ($3 IS NULL OR EXISTS (SELECT 1 FROM invitation_roles ir WHERE ir.invitation_id = i.id AND ir.role_id = $4))
         ORDER BY i.sent_at DESC, i.email"
    ))
    .bind(account_id)
    .bind(now)
    .bind(role_id)
    .bind(role_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| listed(row, now, false))
        .collect())
}

/// The open invitations of an account (newest first) and, in the same statement, those that
/// expired after `since` (the latest first), for the account's page.
pub async fn list_open_and_expired(
    conn: &mut dyn Db,
    account_id: &str,
    now: &str,
    since: &str,
) -> Result<(Vec<PendingInvitation>, Vec<PendingInvitation>), sqlx::Error> {
    let rows: Vec<ListedRow> = db::query_as(&format!(
        "{SELECT_LISTED}
         WHERE i.account_id = $1
           AND ((i.status = 'pending' AND i.expires_at > $2)
                OR (i.status IN ('pending', 'expired') AND i.expires_at > $3 AND i.expires_at <= $4))
         ORDER BY i.sent_at DESC, i.email"
    ))
    .bind(account_id)
    .bind(now)
    .bind(since)
    .bind(now)
    .fetch_all(conn)
    .await?;
    let (mut open, mut expired) = (Vec::new(), Vec::new());
    for row in rows {
        if row.4.as_str() > now {
            open.push(listed(row, now, false));
        } else {
            expired.push(listed(row, now, true));
        }
    }
    expired.sort_by(|a, b| b.expires_at.cmp(&a.expires_at).then(a.email.cmp(&b.email)));
    Ok((open, expired))
}

/// The invitations of an account that expired after `since` (still offered again), the latest
/// first.
pub async fn list_expired(
    conn: &mut dyn Db,
    account_id: &str,
    since: &str,
    now: &str,
) -> Result<Vec<PendingInvitation>, sqlx::Error> {
    let rows: Vec<ListedRow> = db::query_as(&format!(
        "{SELECT_LISTED}
         WHERE i.account_id = $1 AND i.status IN ('pending', 'expired')
           AND i.expires_at > $2 AND i.expires_at <= $3
         ORDER BY i.expires_at DESC, i.email"
    ))
    .bind(account_id)
    .bind(since)
    .bind(now)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| listed(row, now, true)).collect())
}

/// An invitation as the lists show it: id, address, inviter, sent, expires, its roles (joined
/// by U+001F), and its mail's status, words, next try and reminder.
type ListedRow = (
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

const SELECT_LISTED: &str =
    "SELECT i.id, i.email, coalesce(u.display_name, i.invited_by_label), i.sent_at, i.expires_at,
            (SELECT string_agg(r.name, '\u{1f}' ORDER BY r.builtin IS NULL, r.name COLLATE NOCASE)
             FROM invitation_roles ir JOIN roles r ON r.id = ir.role_id
             WHERE ir.invitation_id = i.id),
            i.delivery_status, i.delivery_detail, i.delivery_retry_at, i.reminded_at
     FROM invitations i
     LEFT JOIN users u ON u.id = i.invited_by";

fn listed(row: ListedRow, now: &str, expired: bool) -> PendingInvitation {
    let (id, email, invited_by, sent_at, expires_at, roles, status, detail, retry_at, reminded_at) =
        row;
    let mut roles: Vec<String> = roles
        .iter()
        .flat_map(|names| names.split('\u{1f}'))
        .map(str::to_owned)
        .collect();
    roles.push(BuiltinRole::Base.name().to_owned());
    PendingInvitation {
        id,
        email,
        roles,
        invited_by: invited_by.unwrap_or_else(|| "A former member".to_owned()),
        sent_at,
        expiry: crate::invitations::expiry_phrase(&expires_at, now),
        expires_at,
        delivery: MailDelivery {
            status: DeliveryStatus::from_key(&status),
            detail,
            retry_at,
            reminded_at,
        },
        expired,
    }
}

/// The open invitations addressed to `email`, for the banner, each with its current token's
/// hash and when it was sent; `may_answer` is filled by the caller.
pub async fn open_for_email(
    conn: &mut dyn Db,
    email: &str,
    now: &str,
) -> Result<Vec<(BannerInvitation, SecretHash, String)>, sqlx::Error> {
    let rows: Vec<InvitationRow> = db::query_as(&format!(
        "{SELECT_INVITATION} WHERE i.email = $1 AND i.status = 'pending' AND i.expires_at > $2 ORDER BY i.sent_at"
    ))
    .bind(email)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    let mut banner = Vec::with_capacity(rows.len());
    for row in rows {
        let invitation = from_row(row);
        let mut roles = role_names(conn, &invitation.id).await?;
        roles.push(crate::permissions::BuiltinRole::Base.name().to_owned());
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
            invitation.sent_at,
        ));
    }
    Ok(banner)
}

/// The roles that may be given by invitation or in the roles dialog (Admin and the custom
/// roles; Base is implicit, Owner is handed over), each with its permissions, in one query.
pub async fn offered_roles(
    conn: &mut dyn Db,
    account_id: &str,
) -> Result<Vec<(String, String, PermissionSet)>, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> = db::query_as(
        "SELECT r.id, r.name, r.builtin, rp.permission
         FROM roles r LEFT JOIN role_permissions rp ON rp.role_id = r.id AND r.builtin IS NULL
         WHERE r.account_id = $1 AND (r.builtin IS NULL OR r.builtin = 'admin')
         ORDER BY r.builtin IS NULL, r.name COLLATE NOCASE, r.id",
    )
    .bind(account_id)
    .fetch_all(conn)
    .await?;
    let mut roles: Vec<(String, String, PermissionSet)> = Vec::new();
    for (id, name, builtin, permission) in rows {
        if roles.last().is_none_or(|(last, _, _)| *last != id) {
            let permissions = builtin
                .as_deref()
                .and_then(BuiltinRole::from_key)
                .map(BuiltinRole::permissions)
                .unwrap_or_default();
            roles.push((id, name, permissions));
        }
        // A name the code no longer knows grants nothing, so it asks nothing of the giver.
        if let Some(permission) = permission.as_deref().and_then(Permission::from_name)
            && let Some((_, _, permissions)) = roles.last_mut()
        {
            *permissions = permissions.union(&PermissionSet::new([permission]));
        }
    }
    Ok(roles)
}
