use crate::error::AppError;
use leptos::prelude::*;

/// Sends a link to set a new password to the address, if a user has it. The answer is the same
/// either way, so that nobody learns who uses Roster; asking is throttled per address and per
/// client, as sign-ins are.
#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::auth::user_tokens::{self, TokenPurpose};
    use crate::domain::Email;
    use crate::domain::Notice;
    use crate::server::{AppState, begin_write, client_ip, now_rfc3339, respond};

    respond(async move {
        let state = AppState::from_context()?;
        let email = Email::parse(&email)
            .map_err(|_| AppError::field("email", "Enter the email address you signed up with."))?;
        if let Err(crate::server::RetryAfter(wait)) = state
            .sign_in_throttle
            .admit_reset(email.as_str(), client_ip())
        {
            tracing::warn!(
                retry_after_secs = wait.as_secs(),
                "password reset throttled"
            );
            return Err(AppError::TooManyRequests {
                message: "Too many requests for this address. Wait a few minutes and try again."
                    .into(),
                retry_after_secs: wait.as_secs().max(1),
            });
        }
        match crate::auth::queries::find_credentials(&state.pool, &email).await? {
            Some((user_id, _)) => {
                let lifetime = state.auth.password_reset_lifetime;
                let mut tx = begin_write(&state.writer).await?;
                let token = user_tokens::issue(
                    &mut tx,
                    &user_id,
                    TokenPurpose::PasswordReset,
                    None,
                    lifetime,
                )
                .await?;
                let link = format!(
                    "{}/reset-password/{}",
                    state.invitations.public_url,
                    token.as_str()
                );
                let mail = super::mail::compose(&link, lifetime.as_secs() / 60);
                crate::outbox::queries::enqueue(
                    &mut tx,
                    None,
                    email.as_str(),
                    &mail,
                    &now_rfc3339(),
                )
                .await?;
                tx.commit().await?;
                state.outbox.notify_one();
                tracing::info!(user.id = %user_id, "password reset link sent");
            }
            None => tracing::info!("password reset asked for an address no user has"),
        }
        leptos_axum::redirect(&format!(
            "/forgot-password?notice={}",
            Notice::ResetMailSent.key()
        ));
        Ok(())
    })
    .await
}
