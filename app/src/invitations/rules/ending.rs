//! How a pending invitation ends (accepted, declined, revoked, or expired by the sweep): its
//! status, no more mail for it, and the audit row, once.

use crate::access::Caller;
use crate::audit::AuditActor;
use crate::db::Db;
use crate::error::AppError;
use crate::invitations::InvitationStatus;
use crate::invitations::queries::{self, StoredInvitation};
use crate::outbox::queries::discard_unsent;

/// Ends the overdue pending invitations (of one account, or of all) as expired, and announces
/// each as `invitation.expired`. Nobody did it: the event has no actor.
pub async fn expire_overdue(
    conn: &mut dyn Db,
    account_id: Option<&str>,
    now: &str,
) -> Result<usize, AppError> {
    let expired = queries::expire_overdue(conn, account_id, now).await?;
    let details = serde_json::json!({});
    for (account_id, invitation_id, email) in &expired {
        crate::webhooks::queries::announce(
            conn,
            &crate::webhooks::queries::Announcement {
                account_id,
                event: crate::webhooks::WebhookEvent::InvitationExpired,
                actor: serde_json::Value::Null,
                target_kind: "invitation",
                target_id: invitation_id,
                target_name: email,
                details: &details,
            },
            now,
        )
        .await?;
    }
    Ok(expired.len())
}

/// Revokes the pending invitations `inviter` sent in the caller's account (they are being
/// removed), each audited as revoked by the caller. Returns how many.
pub async fn revoke_sent_by(
    conn: &mut dyn Db,
    caller: &Caller,
    inviter: &str,
    now: &str,
) -> Result<usize, AppError> {
    let ids = queries::pending_ids_sent_by(conn, &caller.account_id, inviter).await?;
    for id in &ids {
        let Some(invitation) = queries::find_by_id(conn, id).await? else {
            continue;
        };
        let details = serde_json::json!({ "inviter_removed": inviter });
        end(
            conn,
            invitation,
            Ending::Revoked,
            caller.audit_actor(),
            now,
            details,
        )
        .await?;
    }
    Ok(ids.len())
}

/// Revokes every pending invitation `user_id` sent, in all accounts, as they delete their user:
/// each audited as revoked by them, its unsent mail dropped. Returns how many.
pub async fn revoke_all_sent_by_leaver(
    conn: &mut dyn Db,
    user_id: &str,
    now: &str,
) -> Result<usize, sqlx::Error> {
    let revoked = queries::revoke_all_pending_sent_by(conn, user_id, now).await?;
    for (account_id, invitation_id, email) in &revoked {
        discard_unsent(conn, invitation_id).await?;
        record(
            conn,
            account_id,
            AuditActor::User(user_id),
            crate::audit::AuditAction::InvitationRevoked,
            invitation_id,
            email,
            serde_json::json!({ "inviter_left": true }),
        )
        .await?;
    }
    Ok(revoked.len())
}

/// How a pending invitation ends; each is stored as its status and audited as its action.
#[derive(Clone, Copy)]
pub(super) enum Ending {
    Accepted,
    Declined,
    Revoked,
}

impl Ending {
    fn status(self) -> InvitationStatus {
        match self {
            Self::Accepted => InvitationStatus::Accepted,
            Self::Declined => InvitationStatus::Declined,
            Self::Revoked => InvitationStatus::Revoked,
        }
    }

    fn action(self) -> crate::audit::AuditAction {
        match self {
            Self::Accepted => crate::audit::AuditAction::InvitationAccepted,
            Self::Declined => crate::audit::AuditAction::InvitationDeclined,
            Self::Revoked => crate::audit::AuditAction::InvitationRevoked,
        }
    }
}

/// Ends a pending invitation by `by`: its status, no more mail for it, and the audit row. Fails
/// cleanly when another request ended it first.
pub(super) async fn end(
    conn: &mut dyn Db,
    invitation: StoredInvitation,
    ending: Ending,
    by: AuditActor<'_>,
    now: &str,
    details: serde_json::Value,
) -> Result<StoredInvitation, AppError> {
    let by_user = match by {
        AuditActor::User(id) => Some(id),
        AuditActor::Key { .. } => None,
    };
    if !queries::resolve(conn, &invitation.id, ending.status(), by_user, now).await? {
        return Err(no_longer_pending());
    }
    discard_unsent(conn, &invitation.id).await?;
    record(
        conn,
        &invitation.account_id,
        by,
        ending.action(),
        &invitation.id,
        &invitation.email,
        details,
    )
    .await?;
    Ok(invitation)
}

/// A pending invitation of the caller's account.
pub(super) async fn in_account(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation_id: &str,
) -> Result<StoredInvitation, AppError> {
    let invitation = queries::find_by_id(conn, invitation_id)
        .await?
        .filter(|i| i.account_id == caller.account_id)
        .ok_or_else(|| AppError::NotFound("The invitation".into()))?;
    if invitation.status != InvitationStatus::Pending {
        return Err(no_longer_pending());
    }
    Ok(invitation)
}

pub(super) fn no_longer_pending() -> AppError {
    AppError::Conflict("This invitation is no longer pending: it was answered or revoked.".into())
}

pub(super) async fn record(
    conn: &mut dyn Db,
    account_id: &str,
    actor: AuditActor<'_>,
    action: crate::audit::AuditAction,
    invitation_id: &str,
    email: &str,
    details: serde_json::Value,
) -> Result<(), sqlx::Error> {
    crate::audit::record(
        conn,
        crate::audit::AuditEvent {
            account_id,
            actor,
            action,
            target_kind: "invitation",
            target_id: invitation_id,
            target_name: email,
            details,
        },
    )
    .await
}
