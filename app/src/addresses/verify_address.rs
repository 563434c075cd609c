use super::AddressLinkOutcome;
use crate::error::AppError;
use leptos::prelude::*;

/// Follows a verification link, as its own user (a POST from the link's page: a mail scanner
/// that fetches the link changes nothing). The address it was sent to is verified, if it is
/// still theirs; a form post returns to the link's page, which says so.
#[server(prefix = "/api", endpoint = "verify_address")]
pub async fn verify_address(token: String) -> Result<AddressLinkOutcome, AppError> {
    use crate::access::require_user;
    use crate::secrets::LinkToken;
    use crate::server::{AppState, begin_write, now_rfc3339, respond};

    respond(async move {
        let user = require_user().await?;
        let page = super::link_page("/verify-address/", &token);
        let Some(parsed) = LinkToken::from_link(&token) else {
            leptos_axum::redirect(&page);
            return Ok(AddressLinkOutcome::Dead);
        };
        let state = AppState::from_context()?;
        let mut tx = begin_write(&state.writer).await?;
        let outcome =
            super::rules::verify(&mut tx, &parsed.hash(), &user.id, &now_rfc3339()).await?;
        tx.commit().await?;
        leptos_axum::redirect(&super::with_outcome(&page, &outcome));
        Ok(outcome)
    })
    .await
}
