use crate::error::AppError;
use leptos::prelude::*;

/// Creates a user and signs them in, and mails a link that verifies their address (unless they
/// came from an invitation link sent to it). An address that already has a user gets the same
/// answer (without a session): its holder is told by mail instead, so that sign-up reveals
/// nobody.
#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(
    email: String,
    display_name: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::access::{session, start_session};
    use crate::auth::queries;
    use crate::domain::{DisplayName, Email, Password};
    use crate::error::FieldError;
    use crate::server::{AppState, client_ip, respond};

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
        if let Err(crate::server::RetryAfter(wait)) = state.sign_up_throttle.admit(client_ip()) {
            tracing::warn!(retry_after_secs = wait.as_secs(), "sign-up throttled");
            return Err(AppError::TooManyRequests {
                message: "Too many sign-ups right now. Wait a while and try again.".into(),
                retry_after_secs: wait.as_secs().max(1),
            });
        }

        let hash = state.hashing.hash(password).await?;
        let next = crate::auth::safe_next_path(next.as_deref());
        let mut tx = crate::server::begin_write(&state.writer).await?;
        let user_id = match queries::insert_user(&mut tx, &email, &display_name, &hash).await {
            Ok(id) => id,
            Err(queries::NewUserError::EmailTaken) => {
                drop(tx);
                let queued = super::taken_address_mail::queue_notice(
                    &state.writer,
                    email.as_str(),
                    &state.invitations.public_url,
                )
                .await?;
                if queued {
                    state.outbox.notify_one();
                }
                tracing::info!(
                    notice_queued = queued,
                    "sign-up with an address that has a user"
                );
                leptos_axum::redirect(&next);
                return Ok(());
            }
            Err(queries::NewUserError::Database(error)) => return Err(error.into()),
        };
        // Signing up from an invitation link to this address proves the address already.
        if invitation_link_to(&mut tx, &next, &email).await? {
            let now = crate::server::now_rfc3339();
            crate::addresses::queries::mark_verified(&mut tx, &user_id, email.as_str(), &now)
                .await?;
        } else {
            crate::addresses::verification::send_link(&mut tx, &state, &user_id, email.as_str())
                .await?;
        }
        tx.commit().await?;
        state.outbox.notify_one();
        start_session(
            &session().await?,
            &user_id,
            &[crate::auth::Factor::Password],
        )
        .await?;
        tracing::info!(user.id = %user_id, "user signed up");
        leptos_axum::redirect(&next);
        Ok(())
    })
    .await
}

/// Whether `next` is the link of an invitation sent to `email`.
#[cfg(feature = "ssr")]
async fn invitation_link_to(
    conn: &mut dyn crate::db::Db,
    next: &str,
    email: &crate::domain::Email,
) -> Result<bool, sqlx::Error> {
    use crate::secrets::LinkToken;
    let Some(token) = next
        .strip_prefix("/invitations/")
        .and_then(LinkToken::from_link)
    else {
        return Ok(false);
    };
    Ok(
        crate::invitations::queries::find_by_token(conn, &token.hash())
            .await?
            .is_some_and(|invitation| invitation.email == email.as_str()),
    )
}
