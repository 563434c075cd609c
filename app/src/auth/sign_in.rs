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
        // Each account the user belongs to sees the sign-in in its audit log.
        sqlx::query(
            "INSERT INTO audit_events (account_id, actor_id, action, target_kind, target_id, target_name, details, created_at)
             SELECT m.account_id, u.id, 'member.signed_in', 'member', u.id, u.email, '{}', ?
             FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = ?",
        )
        .bind(crate::server::now_rfc3339())
        .bind(&user_id)
        .execute(&state.pool)
        .await?;
        leptos_axum::redirect(&crate::auth::safe_next_path(next.as_deref()));
        Ok(())
    })
    .await
}
