use super::BannerInvitation;
use crate::error::AppError;
use leptos::prelude::*;

/// The open invitations addressed to the signed-in user, for the banner; none when signed out.
/// An unverified address proves nothing, and an address verified only after an invitation was
/// sent proves nothing about that invitation (whoever holds the address now may not be whom it
/// named): such an invitation, unless its link was opened in this session, is sent with every
/// detail left out, only that one is waiting.
#[server(prefix = "/api", endpoint = "my_invitations")]
pub async fn my_invitations() -> Result<Vec<BannerInvitation>, AppError> {
    use crate::access::{session, signed_in_user};
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let Some(user) = signed_in_user().await? else {
            return Ok(Vec::new());
        };
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let open =
            super::queries::listing::open_for_email(&mut conn, &user.email, &now_rfc3339()).await?;
        let session = session().await?;
        let mut banner = Vec::with_capacity(open.len());
        for (mut invitation, current, sent_at) in open {
            invitation.may_answer = user.verified_before(&sent_at)
                || super::proofs::recall(&session, &invitation.id)
                    .await?
                    .is_some_and(|followed| followed.matches(&current));
            banner.push(if invitation.may_answer {
                invitation
            } else {
                BannerInvitation::undisclosed()
            });
        }
        Ok(banner)
    })
    .await
}
