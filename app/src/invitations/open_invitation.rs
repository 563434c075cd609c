use super::InvitationLink;
use crate::error::AppError;
use leptos::prelude::*;

/// What the link in an invitation mail opens. Reading never consumes the invitation; only
/// accepting does. When the invitee is signed in, their session remembers the link so that the
/// banner can offer Accept and Decline, and their address counts as verified: the link was
/// mailed to it.
#[server(prefix = "/api", endpoint = "open_invitation")]
pub async fn open_invitation(token: String) -> Result<InvitationLink, AppError> {
    use super::{InvitationStatus, InvitationSummary, queries};
    use crate::access::{session, signed_in_user};
    use crate::secrets::LinkToken;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let unavailable = InvitationLink::Unavailable { reason: None };
        let Some(token) = LinkToken::from_link(&token) else {
            return Ok(unavailable);
        };
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let hash = token.hash();
        let Some(invitation) = queries::find_by_token(&mut conn, &hash).await? else {
            return Ok(unavailable);
        };
        let user = signed_in_user().await?;
        let is_invitee = user.as_ref().is_some_and(|u| u.email == invitation.email);
        let now = now_rfc3339();
        if !invitation.is_open(&now) {
            // Only the invitee learns why: anyone else might be probing links.
            let reason = is_invitee.then(|| match invitation.status {
                InvitationStatus::Accepted => {
                    "You have already accepted this invitation.".to_owned()
                }
                InvitationStatus::Declined => "You declined this invitation.".to_owned(),
                InvitationStatus::Revoked => {
                    format!("{} revoked this invitation.", invitation.invited_by)
                }
                InvitationStatus::Pending | InvitationStatus::Expired => {
                    "This invitation has expired.".to_owned()
                }
            });
            return Ok(InvitationLink::Unavailable { reason });
        }
        if is_invitee {
            super::proofs::remember(&session().await?, &invitation.id, &hash).await?;
        }
        // The link was mailed to this address: following it proves the address is theirs.
        if let Some(user) = user.as_ref().filter(|u| is_invitee && !u.email_verified) {
            let mut writer = state.writer.acquire().await?;
            crate::addresses::queries::mark_verified(&mut writer, &user.id, &user.email, &now)
                .await?;
            tracing::info!(user.id = %user.id, "address verified by an invitation link");
        }
        let mut roles = queries::role_names(&mut conn, &invitation.id).await?;
        roles.push(crate::permissions::BuiltinRole::Base.name().to_owned());
        Ok(InvitationLink::Pending(InvitationSummary {
            invitation_id: invitation.id,
            account_name: invitation.account_name,
            invited_by: invitation.invited_by,
            email: invitation.email,
            roles,
            expires_at: invitation.expires_at,
            signed_in_as: user.map(|u| u.email),
        }))
    })
    .await
}
