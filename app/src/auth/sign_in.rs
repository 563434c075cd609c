use crate::error::AppError;
use leptos::prelude::*;

/// Signs in with email and password, or, for a user with a second factor, brings the browser to
/// the second step (signed in by nothing yet). An unknown email and a wrong password fail the same way;
/// too many wrong passwords for one address, or too many attempts from one client, are refused
/// for a while before any password is hashed.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::{Factor, queries};
    use crate::domain::{Email, Password};
    use crate::second_factor::pending_sign_in::{AfterFirstFactor, after_first_factor};
    use crate::server::RetryAfter;
    use crate::server::{AppState, client_ip, respond};

    respond(async move {
        let state = AppState::from_context()?;
        let Ok(email) = Email::parse(&email) else {
            return Err(AppError::field(
                "email",
                "Enter the email address you signed up with.",
            ));
        };
        // No password is longer than this; refusing it here keeps the hash's input small.
        if password.len() > Password::MAX_LEN * 4 {
            return Err(AppError::InvalidCredentials);
        }
        let client = client_ip();
        if let Err(RetryAfter(wait)) = state
            .sign_in_throttle
            .admit_and_wait(email.as_str(), client)
            .await
        {
            tracing::warn!(retry_after_secs = wait.as_secs(), "sign-in throttled");
            return Err(too_many_attempts(wait));
        }
        let credentials = queries::find_credentials(&state.pool, &email).await?;
        let (user_id, hash) = match credentials {
            Some((id, hash)) => (Some(id), Some(hash)),
            None => (None, None),
        };
        let matches = state.hashing.verify(password, hash).await?;
        let Some(user_id) = user_id.clone().filter(|_| matches) else {
            tracing::info!("sign-in refused");
            // Recorded after the answer, so that its time says nothing of whether the
            // address has a user.
            if let Some(user_id) = user_id {
                let writer = state.writer.clone();
                tokio::spawn(async move {
                    if let Err(error) =
                        queries::record_failed_sign_in(&writer, &user_id, client).await
                    {
                        tracing::error!(%error, "recording a failed sign-in failed");
                    }
                });
            }
            return Err(AppError::InvalidCredentials);
        };
        state.sign_in_throttle.succeeded(email.as_str(), client);
        let next = crate::auth::safe_next_path(next.as_deref());
        match after_first_factor(&state, &user_id, Factor::Password, &next).await? {
            AfterFirstFactor::SignedIn => {
                tracing::info!(user.id = %user_id, "user signed in");
                queries::record_sign_in(&state.pool, &user_id).await?;
                leptos_axum::redirect(&next);
            }
            AfterFirstFactor::SecondFactorAsked => {
                leptos_axum::redirect(crate::second_factor::SECOND_STEP_PATH);
            }
        }
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
fn too_many_attempts(wait: std::time::Duration) -> AppError {
    let minutes = wait.as_secs().div_ceil(60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    AppError::TooManyRequests {
        message: format!(
            "Too many sign-in attempts. For your safety, wait {minutes} {unit} and try again."
        ),
        retry_after_secs: wait.as_secs().max(1),
    }
}
