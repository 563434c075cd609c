use crate::error::AppError;
use leptos::prelude::*;

/// Asks to move the signed-in user to a new address, given their current password: a link goes
/// to the new address, and nothing changes until it is followed. An address that has a user
/// gets the same answer (its holder is told by mail instead), so that nobody learns who uses
/// Roster.
#[server(prefix = "/api", endpoint = "change_address")]
pub async fn change_address(new_email: String, current_password: String) -> Result<(), AppError> {
    use crate::access::require_user;
    use crate::auth::user_tokens::{self, TokenPurpose};
    use crate::domain::Email;
    use crate::domain::Notice;
    use crate::server::{AppState, begin_write, now_rfc3339, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        let new_email = Email::parse(&new_email)
            .map_err(|message| AppError::field("new_email", message))?;
        if new_email.as_str() == user.email {
            return Err(AppError::field("new_email", "This is your address already."));
        }
        crate::profile::current_password::confirm(&state, &user, current_password).await?;
        let lifetime = state.auth.address_link_lifetime;
        let public_url = &state.invitations.public_url;
        let mut tx = begin_write(&state.writer).await?;
        let purpose = TokenPurpose::ChangeAddress;
        let last = user_tokens::last_sent_at(&mut tx, &user.id, purpose).await?;
        if let Some(wait) = last.as_deref().and_then(|last| {
            super::send_verification::still_to_wait(last, state.auth.verification_resend_interval)
        }) {
            return Err(AppError::TooManyRequests {
                message: format!("A link was sent a moment ago. Ask again in {wait} s."),
                retry_after_secs: wait,
            });
        }
        // A link is made whatever the address, so that the profile and the limit on asking are
        // the same; only an address without a user is sent it.
        let token =
            user_tokens::issue(&mut tx, &user.id, purpose, Some(new_email.as_str()), lifetime).await?;
        let mail = if super::queries::has_user(&mut tx, new_email.as_str()).await? {
            tracing::info!(user.id = %user.id, "address change asked for an address that has a user");
            super::mail::taken_notice(public_url)
        } else {
            let link = format!("{public_url}/confirm-address/{}", token.as_str());
            tracing::info!(user.id = %user.id, "address change link sent");
            super::mail::move_link(&link, &user.email, lifetime)
        };
        crate::outbox::queries::enqueue(&mut tx, None, new_email.as_str(), &mail, &now_rfc3339())
            .await?;
        tx.commit().await?;
        state.outbox.notify_one();
        leptos_axum::redirect(&Notice::AddressLinkSent.added_to("/profile"));
        Ok(())
    })
    .await
}
