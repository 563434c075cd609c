use super::AddressLinkOutcome;
use crate::error::AppError;
use leptos::prelude::*;

/// Follows a verification link: the address it was sent to is verified, if it is still the
/// user's. Following the link is the proof, so no sign-in is needed.
#[server(prefix = "/api", endpoint = "verify_address")]
pub async fn verify_address(token: String) -> Result<AddressLinkOutcome, AppError> {
    use crate::invitations::token::InvitationToken;
    use crate::server::{AppState, begin_write, now_rfc3339, respond};

    respond(async move {
        let Some(token) = InvitationToken::from_link(&token) else {
            return Ok(AddressLinkOutcome::Dead);
        };
        let state = AppState::from_context()?;
        let mut tx = begin_write(&state.writer).await?;
        let outcome = super::rules::verify(&mut tx, &token.hash(), &now_rfc3339()).await?;
        tx.commit().await?;
        Ok(outcome)
    })
    .await
}
