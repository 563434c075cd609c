use crate::error::AppError;
use leptos::prelude::*;

/// The second step of a sign-in whose password was right: a code from the authenticator app
/// turns the held sign-in into a session. Throttled per user and client; a code works once.
#[server(prefix = "/api", endpoint = "sign_in_with_code")]
pub async fn sign_in_with_code(code: String) -> Result<(), AppError> {
    use super::codes::{Purpose, take_code};
    use crate::auth::Factor;
    use crate::server::{AppState, respond};

    respond(async move {
        let state = AppState::from_context()?;
        let pending = super::pending_sign_in::pending(&state)
            .await?
            .ok_or_else(sign_in_again)?;
        take_code(&state, &pending.user_id, &code, "code", Purpose::Use).await?;
        let next = pending.next.clone();
        let user_id = pending.user_id.clone();
        super::pending_sign_in::complete(pending, Factor::AuthenticatorCode).await?;
        crate::auth::queries::record_sign_in(&state.pool, &user_id).await?;
        tracing::info!(user.id = %user_id, "user signed in with an authenticator code");
        leptos_axum::redirect(&next);
        Ok(())
    })
    .await
}

/// The second step with a recovery code instead: it works once, and its use is audited and
/// mailed to the user. The profile then says how many are left.
#[server(prefix = "/api", endpoint = "sign_in_with_recovery_code")]
pub async fn sign_in_with_recovery_code(recovery_code: String) -> Result<(), AppError> {
    use crate::auth::Factor;
    use crate::domain::Notice;
    use crate::server::{AppState, respond};

    respond(async move {
        let state = AppState::from_context()?;
        let pending = super::pending_sign_in::pending(&state)
            .await?
            .ok_or_else(sign_in_again)?;
        super::codes::take_recovery_code(&state, &pending.user_id, &recovery_code, "recovery_code")
            .await?;
        let user_id = pending.user_id.clone();
        super::pending_sign_in::complete(pending, Factor::RecoveryCode).await?;
        crate::auth::queries::record_sign_in(&state.pool, &user_id).await?;
        leptos_axum::redirect(&format!(
            "/profile?notice={}#second-factor-heading",
            Notice::RecoveryCodeUsed.key()
        ));
        Ok(())
    })
    .await
}

/// What the second step may be given: an authenticator's code (or a recovery code), a passkey.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SecondStepOffer {
    pub authenticator: bool,
    pub passkey: bool,
}

/// The second factors of the sign-in this browser holds, if one waits (the page offers their
/// forms only then); `null` when none does.
#[server(prefix = "/api", endpoint = "second_step_waits")]
pub async fn second_step_waits() -> Result<Option<SecondStepOffer>, AppError> {
    use crate::server::{AppState, respond};
    respond(async move {
        let state = AppState::from_context()?;
        let Some(pending) = super::pending_sign_in::pending(&state).await? else {
            return Ok(None);
        };
        let mut conn = state.pool.acquire().await?;
        let authenticator = super::queries::secret(&mut conn, &pending.user_id, true)
            .await?
            .is_some();
        let passkey =
            super::passkeys::queries::count_of_user(&mut conn, &pending.user_id).await? > 0;
        Ok(Some(SecondStepOffer {
            authenticator,
            passkey,
        }))
    })
    .await
}

#[cfg(feature = "ssr")]
pub(crate) fn sign_in_again() -> AppError {
    AppError::Conflict(
        "This sign-in took too long or was already finished. Sign in again with your password."
            .into(),
    )
}
