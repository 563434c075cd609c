use crate::error::AppError;
use leptos::prelude::*;

/// Begins a sign-in with a passkey alone: the options for `navigator.credentials.get`, as JSON,
/// naming no user (the browser offers the passkeys it holds for this site).
#[server(prefix = "/api", endpoint = "begin_passkey_sign_in")]
pub async fn begin_passkey_sign_in(next: Option<String>) -> Result<String, AppError> {
    use crate::server::{AppState, internal, respond};

    respond(async move {
        let state = AppState::from_context()?;
        let (options, authentication) = super::relying_party(&state)?
            .start_discoverable_authentication()
            .map_err(internal)?;
        let next = crate::auth::safe_next_path(next.as_deref());
        super::ceremony_state::SIGN_IN
            .begin((authentication, next))
            .await?;
        serde_json::to_string(&options).map_err(internal)
    })
    .await
}

/// Finishes the sign-in with the browser's answer: the passkey names its user, its signature is
/// verified against that user's passkeys, with the user verified by the device. Returns where
/// to go next.
#[server(prefix = "/api", endpoint = "finish_passkey_sign_in")]
pub async fn finish_passkey_sign_in(credential: String) -> Result<String, AppError> {
    use crate::access::{session, start_session};
    use crate::auth::Factor;
    use crate::server::{AppState, respond};
    use webauthn_rs::prelude::{DiscoverableAuthentication, PublicKeyCredential};

    respond(async move {
        let state = AppState::from_context()?;
        let answer: PublicKeyCredential = super::browser_answer::parse(&credential)?;
        let (authentication, next): (DiscoverableAuthentication, String) =
            super::ceremony_state::SIGN_IN.take().await?;
        let relying_party = super::relying_party(&state)?;
        let (handle, credential_id) = relying_party
            .identify_discoverable_authentication(&answer)
            .map_err(|_| not_known())?;
        let user_id = handle.to_string();
        let mut passkeys = super::stored::of_user(&state.pool, &user_id).await?;
        let Some(used) = passkeys
            .iter_mut()
            .find(|stored| stored.passkey.cred_id().as_slice() == credential_id)
        else {
            return Err(not_known());
        };
        let result = relying_party
            .finish_discoverable_authentication_v2(&answer, authentication, &used.passkey)
            .map_err(|error| {
                tracing::info!(%error, "a passkey sign-in was refused");
                not_known()
            })?;
        if !result.user_verified() {
            return Err(not_known());
        }
        super::stored::record_use(&state.writer, used, &result).await?;
        start_session(&session().await?, &user_id, &[Factor::Passkey]).await?;
        crate::auth::queries::record_sign_in(&state.pool, &user_id).await?;
        tracing::info!(user.id = %user_id, "user signed in with a passkey");
        Ok(next)
    })
    .await
}

#[cfg(feature = "ssr")]
fn not_known() -> AppError {
    AppError::ForbiddenBecause(
        "That passkey does not sign anyone in here. Sign in with your password, or use another passkey.".into(),
    )
}
