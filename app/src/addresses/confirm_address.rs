use super::AddressLinkOutcome;
use crate::error::AppError;
use leptos::prelude::*;

/// Follows the link sent to a new address: the user's address becomes that one, verified, and
/// the address they left is told by mail.
#[server(prefix = "/api", endpoint = "confirm_address")]
pub async fn confirm_address(token: String) -> Result<AddressLinkOutcome, AppError> {
    use crate::invitations::token::InvitationToken;
    use crate::server::{AppState, begin_write, now_rfc3339, respond};

    respond(async move {
        let Some(token) = InvitationToken::from_link(&token) else {
            return Ok(AddressLinkOutcome::Dead);
        };
        let state = AppState::from_context()?;
        let now = now_rfc3339();
        let mut tx = begin_write(&state.writer).await?;
        let (outcome, moved) = super::rules::confirm_move(&mut tx, &token.hash(), &now).await?;
        if let Some(moved) = &moved {
            let notice =
                super::mail::moved_notice(&moved.from, &moved.to, &state.invitations.public_url);
            crate::outbox::queries::enqueue(&mut tx, None, &moved.from, &notice, &now).await?;
        }
        tx.commit().await?;
        if moved.is_some() {
            state.outbox.notify_one();
        }
        Ok(outcome)
    })
    .await
}
