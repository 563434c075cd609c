use crate::error::AppError;
use leptos::prelude::*;

/// Begins the second step of a sign-in with a passkey: the options for the passkeys of the
/// user whose password was right, as JSON.
#[server(prefix = "/api", endpoint = "begin_passkey_second_step")]
pub async fn begin_passkey_second_step() -> Result<String, AppError> {
    use crate::server::{AppState, internal, respond};
    use webauthn_rs::prelude::Passkey;

    respond(async move {
        let state = AppState::from_context()?;
        let pending = crate::second_factor::pending_sign_in::pending(&state)
            .await?
            .ok_or_else(crate::second_factor::sign_in_again)?;
        let passkeys: Vec<Passkey> = super::stored::of_user(&state.pool, &pending.user_id)
            .await?
            .into_iter()
            .map(|stored| stored.passkey)
            .collect();
        if passkeys.is_empty() {
            return Err(AppError::Conflict(
                "You have no passkey. Type a code from your authenticator app instead.".into(),
            ));
        }
        let (options, authentication) = super::relying_party(&state)?
            .start_passkey_authentication(&passkeys)
            .map_err(internal)?;
        super::ceremony_state::SECOND_STEP
            .begin(authentication)
            .await?;
        serde_json::to_string(&options).map_err(internal)
    })
    .await
}

/// Finishes the second step with the browser's answer; returns where to go next.
#[server(prefix = "/api", endpoint = "finish_passkey_second_step")]
pub async fn finish_passkey_second_step(credential: String) -> Result<String, AppError> {
    use crate::auth::Factor;
    use crate::server::{AppState, respond};
    use webauthn_rs::prelude::{PasskeyAuthentication, PublicKeyCredential};

    respond(async move {
        let state = AppState::from_context()?;
        let pending = crate::second_factor::pending_sign_in::pending(&state)
            .await?
            .ok_or_else(crate::second_factor::sign_in_again)?;
        let answer: PublicKeyCredential = super::browser_answer::parse(&credential)?;
        let authentication: PasskeyAuthentication =
            super::ceremony_state::SECOND_STEP.take().await?;
        let refused = || {
            AppError::ForbiddenBecause(
                "That passkey could not be verified. Try again, or type a code from your authenticator app.".into(),
            )
        };
        let result = super::relying_party(&state)?
            .finish_passkey_authentication(&answer, &authentication)
            .map_err(|error| {
                tracing::info!(user.id = %pending.user_id, %error, "a passkey was refused");
                refused()
            })?;
        if !result.user_verified() {
            return Err(refused());
        }
        let mut passkeys = super::stored::of_user(&state.pool, &pending.user_id).await?;
        let used = passkeys
            .iter_mut()
            .find(|stored| stored.passkey.cred_id() == result.cred_id())
            .ok_or_else(refused)?;
        super::stored::record_use(&state.writer, used, &result).await?;
        let next = pending.next.clone();
        let user_id = pending.user_id.clone();
        crate::second_factor::pending_sign_in::complete(pending, Factor::Passkey).await?;
        crate::auth::queries::record_sign_in(&state.pool, &user_id).await?;
        Ok(next)
    })
    .await
}
