use crate::error::AppError;
use leptos::prelude::*;

/// Signs in with email and password. An unknown email and a wrong password fail the same way.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::{passwords, queries};
    use crate::domain::Email;
    use crate::server::{AppState, respond, session, start_session};

    respond(async move {
        let state = AppState::from_context()?;
        let Ok(email) = Email::parse(&email) else {
            return Err(AppError::field(
                "email",
                "Enter the email address you signed up with.",
            ));
        };
        let credentials = queries::find_credentials(&state.pool, &email).await?;
        let (user_id, hash) = match credentials {
            Some((id, hash)) => (Some(id), Some(hash)),
            None => (None, None),
        };
        let matches = passwords::verify_password(password, hash).await?;
        let Some(user_id) = user_id.filter(|_| matches) else {
            tracing::info!("sign-in refused");
            return Err(AppError::InvalidCredentials);
        };
        start_session(&session().await?, &user_id).await?;
        tracing::info!(user.id = %user_id, "user signed in");
        leptos_axum::redirect(&crate::auth::safe_next_path(next.as_deref()));
        Ok(())
    })
    .await
}
