//! Answering: the invitee accepts (becoming a member with the invitation's roles) or declines,
//! proving they hold the link or a verified address.

use super::ending::{Ending, end, no_longer_pending};
use crate::audit::AuditActor;
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::invitations::InvitationStatus;
use crate::invitations::queries::{self, StoredInvitation};
use crate::secrets::SecretHash;

/// How the invitee proves they hold the link: the hash of the token they followed.
pub enum Proof {
    Token(SecretHash),
    None,
}

/// The invitee becomes a member with the invited roles plus Base.
pub async fn accept(
    conn: &mut dyn Db,
    user: &CurrentUser,
    invitation_id: &str,
    proof: &Proof,
    now: &str,
) -> Result<StoredInvitation, AppError> {
    let invitation = answerable(conn, user, invitation_id, proof, now).await?;
    queries::join_with_roles(conn, &invitation.id, &invitation.account_id, &user.id, now).await?;
    let roles = queries::role_names(conn, &invitation.id).await?;
    let details = serde_json::json!({ "roles": roles, "invitation_id": invitation.id });
    crate::webhooks::queries::announce(
        conn,
        &crate::webhooks::queries::Announcement {
            account_id: &invitation.account_id,
            event: crate::webhooks::WebhookEvent::MemberAdded,
            actor: AuditActor::User(&user.id).as_json(),
            target_kind: "member",
            target_id: &user.id,
            target_name: &user.email,
            details: &details,
        },
        now,
    )
    .await?;
    end(
        conn,
        invitation,
        Ending::Accepted,
        AuditActor::User(&user.id),
        now,
        serde_json::json!({ "roles": roles }),
    )
    .await
}

pub async fn decline(
    conn: &mut dyn Db,
    user: &CurrentUser,
    invitation_id: &str,
    proof: &Proof,
    now: &str,
) -> Result<StoredInvitation, AppError> {
    let invitation = answerable(conn, user, invitation_id, proof, now).await?;
    end(
        conn,
        invitation,
        Ending::Declined,
        AuditActor::User(&user.id),
        now,
        serde_json::json!({}),
    )
    .await
}

/// A pending invitation addressed to `user`, answered with a proof that matches its current token.
pub(super) async fn answerable(
    conn: &mut dyn Db,
    user: &CurrentUser,
    invitation_id: &str,
    proof: &Proof,
    now: &str,
) -> Result<StoredInvitation, AppError> {
    // Someone else's invitation does not exist, as far as this user can tell.
    let invitation = queries::find_by_id(conn, invitation_id)
        .await?
        .filter(|i| i.email == user.email)
        .ok_or_else(|| AppError::NotFound("The invitation".into()))?;
    match invitation.status {
        InvitationStatus::Pending => {}
        InvitationStatus::Accepted => {
            return Err(AppError::Conflict(
                "This invitation has already been accepted.".into(),
            ));
        }
        _ => return Err(no_longer_pending()),
    }
    if !invitation.is_open(now) {
        return Err(AppError::Conflict(format!(
            "This invitation has expired. Ask {} to send you a new one.",
            invitation.invited_by
        )));
    }
    // An address verified before the invitation was sent is proof enough; otherwise its link
    // (this one, not a replaced one).
    let proven = user.verified_before(&invitation.sent_at)
        || match proof {
            Proof::Token(hash) => hash.matches(&invitation.token_hash),
            Proof::None => false,
        };
    if !proven {
        return Err(AppError::Conflict(
            "This link is no longer valid: open the link in the latest invitation email to answer it."
                .into(),
        ));
    }
    Ok(invitation)
}
