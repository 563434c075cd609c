use crate::error::AppError;
use leptos::prelude::*;

/// Sets a new password from a reset link: the link works once; every session of the user ends
/// and this browser is signed in (after its second factor, for a user who has one); each of the user's accounts records `user.password_reset`.
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    use crate::auth::Factor;
    use crate::auth::user_tokens::{self, LinkHolder, TokenPurpose};
    use crate::domain::Notice;
    use crate::domain::Password;
    use crate::second_factor::pending_sign_in::{AfterFirstFactor, after_first_factor};
    use crate::secrets::LinkToken;
    use crate::server::{AppState, begin_write, now_rfc3339, respond};

    respond(async move {
        let state = AppState::from_context()?;
        let token = LinkToken::from_link(&token).ok_or_else(link_no_longer_works)?;
        let password = Password::parse(&new_password)
            .map_err(|message| AppError::field("new_password", message))?;
        // A dead link is refused before any hashing; using it, in the transaction, decides.
        if !user_tokens::works(
            &state.pool,
            TokenPurpose::PasswordReset,
            &token.hash(),
            &now_rfc3339(),
        )
        .await?
        {
            return Err(link_no_longer_works());
        }
        let hash = state.hashing.hash(password).await?;
        let now = now_rfc3339();
        let mut tx = begin_write(&state.writer).await?;
        let Some(LinkHolder { user_id, .. }) =
            user_tokens::use_link(&mut tx, TokenPurpose::PasswordReset, &token.hash(), &now)
                .await?
        else {
            return Err(link_no_longer_works());
        };
        crate::profile::queries::set_password_hash(&mut tx, &user_id, &hash).await?;
        let ended = crate::auth::sessions_queries::end_all(&mut tx, &user_id).await?;
        crate::audit::record_in_accounts_of(
            &mut tx,
            &user_id,
            crate::audit::AuditAction::UserPasswordReset,
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %user_id, sessions_ended = ended, "password reset");
        // The link proves the mailbox, not the second factor: a user who has one still gives it.
        let next = format!("/?notice={}", Notice::PasswordReset.key());
        match after_first_factor(&state, &user_id, Factor::MailedLink, &next).await? {
            AfterFirstFactor::SignedIn => leptos_axum::redirect(&next),
            AfterFirstFactor::SecondFactorAsked => {
                leptos_axum::redirect(crate::second_factor::SECOND_STEP_PATH);
            }
        }
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
fn link_no_longer_works() -> AppError {
    AppError::Conflict(
        "This link no longer works: it was used already, it expired, or a newer one was sent. Ask for a new one."
            .into(),
    )
}

/// Whether a reset link still works, so that its page says so before anything is typed.
#[server(prefix = "/api", endpoint = "reset_link_works")]
pub async fn reset_link_works(token: String) -> Result<bool, AppError> {
    use crate::auth::user_tokens::{self, TokenPurpose};
    use crate::secrets::LinkToken;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let Some(token) = LinkToken::from_link(&token) else {
            return Ok(false);
        };
        let state = AppState::from_context()?;
        Ok(user_tokens::works(
            &state.pool,
            TokenPurpose::PasswordReset,
            &token.hash(),
            &now_rfc3339(),
        )
        .await?)
    })
    .await
}
