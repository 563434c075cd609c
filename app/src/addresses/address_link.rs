use super::AddressLinkView;
use crate::error::AppError;
use leptos::prelude::*;

/// What the page behind a mailed address link shows (`purpose`: `verify` or `confirm`), read
/// without changing anything: a GET of the link (a scanner, a preview) never acts on it.
#[server(prefix = "/api", endpoint = "address_link")]
pub async fn address_link(purpose: String, token: String) -> Result<AddressLinkView, AppError> {
    use super::{AddressLinkOutcome, LinkViewer};
    use crate::access::signed_in_user;
    use crate::auth::user_tokens::{self, LinkHolder, TokenPurpose};
    use crate::secrets::LinkToken;
    use crate::server::{AppState, now_rfc3339, respond};

    fn verified(email: String) -> AddressLinkOutcome {
        AddressLinkOutcome::Verified { email }
    }
    fn moved(email: String) -> AddressLinkOutcome {
        AddressLinkOutcome::Moved { email }
    }

    respond(async move {
        let (purpose, done) = match purpose.as_str() {
            "verify" => (TokenPurpose::VerifyAddress, verified as fn(String) -> _),
            "confirm" => (TokenPurpose::ChangeAddress, moved as fn(String) -> _),
            _ => return Err(AppError::NotFound("The link".into())),
        };
        let Some(token) = LinkToken::from_link(&token) else {
            return Ok(AddressLinkView::Dead);
        };
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let hash = token.hash();
        let Some(LinkHolder {
            user_id,
            email: Some(email),
        }) = user_tokens::holder(&mut conn, purpose, &hash).await?
        else {
            return Ok(AddressLinkView::Dead);
        };
        if !user_tokens::works(&state.pool, purpose, &hash, &now_rfc3339()).await? {
            let verified = super::queries::is_verified(&mut conn, &user_id, &email).await?;
            return Ok(if verified {
                AddressLinkView::Done(done(email))
            } else {
                AddressLinkView::Dead
            });
        }
        let viewer = match signed_in_user().await? {
            None => LinkViewer::SignedOut,
            Some(user) if user.id == user_id => LinkViewer::Holder,
            Some(_) => LinkViewer::SomeoneElse,
        };
        Ok(AddressLinkView::Ready { email, viewer })
    })
    .await
}
