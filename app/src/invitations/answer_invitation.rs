use crate::error::AppError;
use leptos::prelude::*;

/// Accepts an invitation addressed to the signed-in user: they become a member with its roles
/// plus Base. The proof is the link's `token`, or, from the banner, the link followed earlier in
/// this session.
#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(
    invitation_id: String,
    #[server(default)] token: String,
) -> Result<String, AppError> {
    use crate::access::require_user;
    use crate::server::{AppState, begin_write, now_rfc3339, respond};

    let link_token = token.clone();
    respond(async move {
        let user = require_user().await?;
        let proof = proof(&invitation_id, &token).await?;
        let state = AppState::from_context()?;
        let mut tx = begin_write(&state.writer).await?;
        let invitation =
            super::rules::accept(&mut tx, &user, &invitation_id, &proof, &now_rfc3339()).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/accounts/{}", invitation.account_id));
        Ok(invitation.account_id)
    })
    .await
    .inspect_err(|_| back_to_link(&link_token))
}

/// Declines an invitation addressed to the signed-in user; the inviter sees it in the audit log.
#[server(prefix = "/api", endpoint = "decline_invitation")]
pub async fn decline_invitation(
    invitation_id: String,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    use crate::access::require_user;
    use crate::domain::Notice;
    use crate::server::{AppState, begin_write, now_rfc3339, respond};

    let link_token = token.clone();
    respond(async move {
        let user = require_user().await?;
        let proof = proof(&invitation_id, &token).await?;
        let state = AppState::from_context()?;
        let mut tx = begin_write(&state.writer).await?;
        super::rules::decline(&mut tx, &user, &invitation_id, &proof, &now_rfc3339()).await?;
        tx.commit().await?;
        leptos_axum::redirect(&Notice::InvitationDeclined.added_to("/"));
        Ok(())
    })
    .await
    .inspect_err(|_| back_to_link(&link_token))
}

/// The link page sends no `Referer` (its address is a secret), so a refused answer posted from
/// it is sent back there explicitly; the page then says what became of the invitation.
#[cfg(feature = "ssr")]
fn back_to_link(token: &str) {
    if !token.is_empty()
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        leptos_axum::redirect(&format!("/invitations/{token}"));
    }
}

#[cfg(feature = "ssr")]
async fn proof(invitation_id: &str, token: &str) -> Result<super::rules::Proof, AppError> {
    use super::rules::Proof;
    use crate::secrets::LinkToken;
    if !token.is_empty() {
        return Ok(
            LinkToken::from_link(token).map_or(Proof::None, |token| Proof::Token(token.hash()))
        );
    }
    let session = crate::access::session().await?;
    Ok(super::proofs::recall(&session, invitation_id)
        .await?
        .map_or(Proof::None, Proof::Token))
}
