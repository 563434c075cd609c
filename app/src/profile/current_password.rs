//! Asking for the current password before a change that an unattended browser must not make.
//! Guesses are throttled like sign-ins.

use crate::auth::CurrentUser;
use crate::domain::Password;
use crate::error::AppError;
use crate::server::{AppState, client_ip};

pub async fn confirm(state: &AppState, user: &CurrentUser, given: String) -> Result<(), AppError> {
    if given.len() > Password::MAX_LEN * 4 {
        return Err(wrong_current_password());
    }
    let client = client_ip();
    if let Err(crate::server::RetryAfter(wait)) = state
        .sign_in_throttle
        .admit_and_wait(&user.email, client)
        .await
    {
        return Err(AppError::TooManyRequests {
            message: "Too many wrong passwords. Wait a few minutes and try again.".into(),
            retry_after_secs: wait.as_secs().max(1),
        });
    }
    let stored = super::queries::password_hash(&state.pool, &user.id).await?;
    if !state.hashing.verify(given, stored).await? {
        tracing::info!(user.id = %user.id, "current password refused");
        return Err(wrong_current_password());
    }
    state.sign_in_throttle.succeeded(&user.email, client);
    Ok(())
}

fn wrong_current_password() -> AppError {
    AppError::field("current_password", "That is not your current password.")
}
