//! Following an invitation's mail: what the receiving server said, a bounce reported later, its
//! link handed over another way, and the one reminder.

use super::ending::{in_account, record};
use super::inviting::{fresh_link, link};
use crate::access::Caller;
use crate::db::Db;
use crate::error::AppError;
use crate::invitations::DeliveryStatus;
use crate::invitations::mail::{InvitationMailFacts, Inviter, compose_reminder};
use crate::invitations::queries::{self, Renewal};
use crate::outbox::MailOutcome;
use crate::outbox::queries::enqueue;
use crate::secrets::LinkToken;
use crate::server::InvitationSettings;

/// Shows on the invitation what an attempt to deliver its mail did. A refusal is announced as
/// `invitation.delivery_failed`, once: a failed mail is not tried again.
pub async fn follow_mail(
    conn: &mut dyn Db,
    invitation_id: &str,
    outcome: &MailOutcome,
    now: &str,
) -> Result<(), sqlx::Error> {
    let (status, detail, retry_at) = match outcome {
        MailOutcome::Sent { receipt } => (DeliveryStatus::Sent, receipt, None),
        MailOutcome::Deferred { reason, retry_at } => {
            (DeliveryStatus::Deferred, reason, Some(retry_at.as_str()))
        }
        MailOutcome::Failed { reason } => (DeliveryStatus::Failed, reason, None),
    };
    let changed =
        queries::set_delivery(conn, invitation_id, status, Some(detail), retry_at).await?;
    if let (Some((account_id, email)), DeliveryStatus::Failed) = (changed, status) {
        announce_failure(conn, &account_id, invitation_id, &email, detail, now).await?;
    }
    Ok(())
}

/// A bounce reported by the operator's mail system for the mail `outbox_id`, after it went out.
#[derive(Debug, PartialEq, Eq)]
pub enum Bounce {
    /// Recorded; the invitation it carried, if any, now shows it failed.
    Recorded,
    /// No mail that went out has this id, or its bounce was recorded already (a replay).
    NotNews,
}

pub async fn record_bounce(
    conn: &mut dyn Db,
    outbox_id: i64,
    reason: &str,
    now: &str,
) -> Result<Bounce, sqlx::Error> {
    let Some(invitation) =
        crate::outbox::queries::record_bounce(conn, outbox_id, reason, now).await?
    else {
        return Ok(Bounce::NotNews);
    };
    if let Some(invitation_id) = invitation {
        let detail = format!("bounced: {reason}");
        follow_mail(
            conn,
            &invitation_id,
            &MailOutcome::Failed { reason: detail },
            now,
        )
        .await?;
    }
    Ok(Bounce::Recorded)
}

async fn announce_failure(
    conn: &mut dyn Db,
    account_id: &str,
    invitation_id: &str,
    email: &str,
    reason: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    crate::webhooks::queries::announce(
        conn,
        &crate::webhooks::queries::Announcement {
            account_id,
            event: crate::webhooks::WebhookEvent::InvitationDeliveryFailed,
            actor: serde_json::Value::Null,
            target_kind: "invitation",
            target_id: invitation_id,
            target_name: email,
            details: &serde_json::json!({ "reason": reason }),
        },
        now,
    )
    .await
}

/// A fresh link for the inviter to hand over another way, with a new expiry: the mailed link
/// stops working and unsent mail of the invitation is dropped, as with a resend. Audited as
/// `invitation.link_copied`.
pub async fn hand_over_link(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation_id: &str,
    settings: &InvitationSettings,
    now: &str,
) -> Result<(queries::StoredInvitation, String), AppError> {
    let invitation = in_account(conn, caller, invitation_id).await?;
    let (token, expires_at) =
        fresh_link(conn, &invitation.id, settings, now, Renewal::HandedOver).await?;
    record(
        conn,
        &caller.account_id,
        caller.audit_actor(),
        crate::audit::AuditAction::InvitationLinkCopied,
        &invitation.id,
        &invitation.email,
        serde_json::json!({ "expires_at": expires_at }),
    )
    .await?;
    Ok((invitation, link(settings, &token)))
}

/// Mails the one reminder of each invitation whose mail went out `remind_after` ago and that
/// is still unanswered, with a fresh link (the first mail's stops working; the expiry stays).
/// Several servers may sweep at once: each reminder is taken by one. Returns how many went.
pub async fn remind_due(
    conn: &mut dyn Db,
    settings: &InvitationSettings,
    now: &str,
) -> Result<usize, sqlx::Error> {
    if settings.remind_after.is_zero() {
        return Ok(0);
    }
    let now_at = chrono::DateTime::parse_from_rfc3339(now)
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|_| chrono::Utc::now());
    let sent_before = crate::server::rfc3339(
        now_at - chrono::Duration::from_std(settings.remind_after).unwrap_or_default(),
    );
    let due = queries::due_reminders(conn, &sent_before, now, 100).await?;
    let mut reminded = 0;
    for due in due {
        let token = LinkToken::generate();
        let renewal = Renewal::Reminded;
        if !queries::renew_token(conn, &due.id, &token.hash(), now, &due.expires_at, renewal)
            .await?
        {
            continue;
        }
        let roles = queries::role_names(conn, &due.id).await?;
        let facts = InvitationMailFacts {
            account_name: &due.account_name,
            inviter: due
                .inviter_name
                .as_deref()
                .zip(due.inviter_email.as_deref())
                .map(|(name, email)| Inviter { name, email }),
            roles: &roles,
            expires_at: &due.expires_at,
            link: &link(settings, &token),
        };
        enqueue(
            conn,
            Some(&due.id),
            &due.email,
            &compose_reminder(&facts),
            now,
        )
        .await?;
        reminded += 1;
    }
    Ok(reminded)
}
