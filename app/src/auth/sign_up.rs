use crate::error::AppError;
use leptos::prelude::*;

/// Creates a user and signs them in.
#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(
    email: String,
    display_name: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::{passwords, queries};
    use crate::domain::{DisplayName, Email, Password};
    use crate::error::FieldError;
    use crate::server::{AppState, respond, session, start_session};

    respond(async move {
        let state = AppState::from_context()?;
        let mut problems = Vec::new();
        let mut check = |field: &str, message: &str| {
            problems.push(FieldError {
                field: field.into(),
                message: message.into(),
            });
        };
        let email = Email::parse(&email).inspect_err(|m| check("email", m)).ok();
        let display_name = DisplayName::parse(&display_name)
            .inspect_err(|m| check("display_name", m))
            .ok();
        let password = Password::parse(&password)
            .inspect_err(|m| check("password", m))
            .ok();
        let (Some(email), Some(display_name), Some(password)) = (email, display_name, password)
        else {
            return Err(AppError::Validation(problems));
        };

        let hash = passwords::hash_password(password).await?;
        let user_id = match queries::insert_user(&state.pool, &email, &display_name, &hash).await {
            Ok(id) => id,
            Err(queries::NewUserError::EmailTaken) => {
                return Err(AppError::field(
                    "email",
                    "A user with this email already exists. Sign in instead.",
                ));
            }
            Err(queries::NewUserError::Database(error)) => return Err(error.into()),
        };
        start_session(&session().await?, &user_id).await?;
        tracing::info!(user.id = %user_id, "user signed up");
        leptos_axum::redirect(&crate::auth::safe_next_path(next.as_deref()));
        Ok(())
    })
    .await
}
