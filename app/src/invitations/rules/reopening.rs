//! Expired invitations stay listed for a while: sent again (one, or all at once) with a new
//! link and expiry, or removed from the list.

use super::ending::{expire_overdue, no_longer_pending, record};
use super::inviting::mail_again;
use crate::access::Caller;
use crate::db::Db;
use crate::error::AppError;
use crate::invitations::queries::{self, StoredInvitation};
use crate::invitations::{InvitationStatus, InviteOutcome};
use crate::server::InvitationSettings;

/// A pending invitation of the caller's account, or an expired one that may open again: its
/// address is not a member meanwhile, nor invited again, and the account has room for it.
pub(super) async fn resendable(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation_id: &str,
    settings: &InvitationSettings,
    now: &str,
) -> Result<StoredInvitation, AppError> {
    expire_overdue(conn, Some(&caller.account_id), now).await?;
    let invitation = of_account(conn, caller, invitation_id).await?;
    match invitation.status {
        InvitationStatus::Pending => return Ok(invitation),
        InvitationStatus::Expired => {}
        _ => return Err(no_longer_pending()),
    }
    if let Some(why) = superseded(conn, caller, &invitation).await? {
        return Err(AppError::Conflict(why));
    }
    if queries::count_open(conn, &caller.account_id, now).await? >= settings.pending_limit {
        return Err(AppError::Conflict(
            InviteOutcome::LimitReached.describe(settings.pending_limit),
        ));
    }
    Ok(invitation)
}

/// Why an expired invitation needs no resending, if it does not.
async fn superseded(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation: &StoredInvitation,
) -> Result<Option<String>, sqlx::Error> {
    let email = invitation.email.as_str();
    Ok(
        if queries::is_member_email(conn, &caller.account_id, email).await? {
            Some(format!(
                "{email} is a member of this account now: there is nothing to send."
            ))
        } else if queries::has_pending(conn, &caller.account_id, email).await? {
            Some(format!(
                "{email} has a newer pending invitation: resend that one instead."
            ))
        } else {
            None
        },
    )
}

async fn of_account(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation_id: &str,
) -> Result<StoredInvitation, AppError> {
    queries::find_by_id(conn, invitation_id)
        .await?
        .filter(|i| i.account_id == caller.account_id)
        .ok_or_else(|| AppError::NotFound("The invitation".into()))
}

/// Sends every invitation that expired after `since` again, each with a new link and expiry,
/// as long as the account has room for all of them; those whose address is a member now, or
/// invited again, are left as they are. Returns how many were sent.
pub async fn resend_expired(
    conn: &mut dyn Db,
    caller: &Caller,
    settings: &InvitationSettings,
    since: &str,
    now: &str,
) -> Result<usize, AppError> {
    expire_overdue(conn, Some(&caller.account_id), now).await?;
    let listed = queries::listing::list_expired(conn, &caller.account_id, since, now).await?;
    let mut due = Vec::with_capacity(listed.len());
    for listed in listed {
        let invitation = of_account(conn, caller, &listed.id).await?;
        if superseded(conn, caller, &invitation).await?.is_none() {
            due.push(invitation);
        }
    }
    let open = queries::count_open(conn, &caller.account_id, now).await?;
    let room = settings.pending_limit.saturating_sub(open) as usize;
    if due.len() > room {
        return Err(AppError::Conflict(format!(
            "{} expired invitations would be pending again, but the account has room for {room} more (at most {} pending). Resend or remove some one at a time.",
            due.len(),
            settings.pending_limit
        )));
    }
    let sent = due.len();
    for invitation in due {
        mail_again(
            conn,
            caller,
            invitation,
            settings,
            now,
            serde_json::json!({}),
        )
        .await?;
    }
    Ok(sent)
}

/// Removes an expired invitation of the caller's account from the list (it is revoked, and
/// audited so); `None` when the invitation is not an expired one.
pub(super) async fn remove_expired(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation_id: &str,
) -> Result<Option<StoredInvitation>, AppError> {
    let Some(invitation) = queries::find_by_id(conn, invitation_id)
        .await?
        .filter(|i| i.account_id == caller.account_id && i.status == InvitationStatus::Expired)
    else {
        return Ok(None);
    };
    if !queries::forget_expired(conn, &invitation.id, caller.audit_actor()).await? {
        return Err(no_longer_pending());
    }
    record(
        conn,
        &caller.account_id,
        caller.audit_actor(),
        crate::audit::AuditAction::InvitationRevoked,
        &invitation.id,
        &invitation.email,
        serde_json::json!({ "expired": true }),
    )
    .await?;
    Ok(Some(invitation))
}
