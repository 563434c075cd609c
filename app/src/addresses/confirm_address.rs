use super::AddressLinkOutcome;
use crate::error::AppError;
use leptos::prelude::*;

/// Follows the link sent to a new address, as the user who asked for it (a POST from the
/// link's page: a mail scanner that fetches the link changes nothing). Their address becomes
/// that one, verified, and the address they left is told by mail.
#[server(prefix = "/api", endpoint = "confirm_address")]
pub async fn confirm_address(token: String) -> Result<AddressLinkOutcome, AppError> {
    use crate::access::require_user;
    use crate::secrets::LinkToken;
    use crate::server::{AppState, begin_write, now_rfc3339, respond};

    respond(async move {
        let user = require_user().await?;
        let page = super::link_page("/confirm-address/", &token);
        let Some(parsed) = LinkToken::from_link(&token) else {
            leptos_axum::redirect(&page);
            return Ok(AddressLinkOutcome::Dead);
        };
        let state = AppState::from_context()?;
        let now = now_rfc3339();
        let mut tx = begin_write(&state.writer).await?;
        let (outcome, moved) =
            super::rules::confirm_move(&mut tx, &parsed.hash(), &user.id, &now).await?;
        if let Some(moved) = &moved {
            let notice =
                super::mail::moved_notice(&moved.from, &moved.to, &state.invitations.public_url);
            crate::outbox::queries::enqueue(&mut tx, None, &moved.from, &notice, &now).await?;
        }
        tx.commit().await?;
        if moved.is_some() {
            state.outbox.notify_one();
        }
        leptos_axum::redirect(&super::with_outcome(&page, &outcome));
        Ok(outcome)
    })
    .await
}
