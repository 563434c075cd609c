//! Taking a typed code, the one way every page does it: throttled like a password (per user
//! and client), then consumed in one statement so that it works once.

use super::queries;
use super::recovery_codes;
use super::totp::{TotpSecret, TypedCode};
use crate::audit::AuditAction;
use crate::error::AppError;
use crate::server::{AppState, RetryAfter, begin_write, client_ip, now_rfc3339};

const WRONG_CODE: &str =
    "That code is not right, or it was used already. Type the code your app shows now.";
const WRONG_RECOVERY_CODE: &str = "That recovery code is not one of yours, or it was used already.";

/// Whether the code is for an app being enrolled (it confirms it) or for the one in use.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Confirm,
    Use,
}

/// Takes an authenticator code of `user_id` typed into `field`: refused when it is not the
/// code of now (±1 step), or when it (or a later one) was taken already.
pub async fn take_code(
    state: &AppState,
    user_id: &str,
    typed: &str,
    field: &str,
    purpose: Purpose,
) -> Result<(), AppError> {
    let Some(code) = TypedCode::parse(typed) else {
        return Err(AppError::field(
            field,
            "Type the six digits your authenticator app shows.",
        ));
    };
    let guesser = throttled(state, user_id).await?;
    let mut conn = state.pool.acquire().await?;
    let confirmed = purpose == Purpose::Use;
    let secret = queries::secret(&mut conn, user_id, confirmed)
        .await?
        .and_then(|secret| TotpSecret::from_base32(&secret));
    drop(conn);
    let Some(secret) = secret else {
        return Err(AppError::field(field, WRONG_CODE));
    };
    let step = secret.step_of_code(&code, chrono::Utc::now().timestamp());
    let now = now_rfc3339();
    let taken = match step {
        Some(step) => {
            let confirm_at = (purpose == Purpose::Confirm).then_some(now.as_str());
            let mut tx = begin_write(&state.writer).await?;
            let taken = queries::take_step(&mut tx, user_id, step, confirm_at).await?;
            tx.commit().await?;
            taken
        }
        None => false,
    };
    if !taken {
        tracing::info!(user.id = %user_id, "authenticator code refused");
        return Err(AppError::field(field, WRONG_CODE));
    }
    state.sign_in_throttle.succeeded(&guesser, client_ip());
    Ok(())
}

/// Uses one of the user's recovery codes: it works once; its use is audited in each of the
/// user's accounts and mailed to them, in the same transaction.
pub async fn take_recovery_code(
    state: &AppState,
    user_id: &str,
    typed: &str,
    field: &str,
) -> Result<(), AppError> {
    let Some(hash) = recovery_codes::hash_of_typed(typed) else {
        return Err(AppError::field(field, WRONG_RECOVERY_CODE));
    };
    let guesser = throttled(state, user_id).await?;
    let now = now_rfc3339();
    let mut tx = begin_write(&state.writer).await?;
    if !queries::use_recovery_code(&mut tx, user_id, &hash, &now).await? {
        drop(tx);
        tracing::info!(user.id = %user_id, "recovery code refused");
        return Err(AppError::field(field, WRONG_RECOVERY_CODE));
    }
    let left = queries::recovery_codes_left(&mut tx, user_id).await?;
    crate::audit::record_in_accounts_of(
        &mut tx,
        user_id,
        AuditAction::UserRecoveryCodeUsed,
        serde_json::json!({ "codes_left": left }),
    )
    .await?;
    if let Some(email) = queries::user_email(&mut tx, user_id).await? {
        let mail = super::recovery_mail::compose(&state.invitations.public_url, left);
        crate::outbox::queries::enqueue(&mut tx, None, &email, &mail, &now).await?;
    }
    tx.commit().await?;
    state.outbox.notify_one();
    state.sign_in_throttle.succeeded(&guesser, client_ip());
    tracing::info!(user.id = %user_id, codes_left = left, "recovery code used");
    Ok(())
}

/// Admits one more guess at `user_id`'s codes from this client, or refuses it for a while.
/// Codes have buckets of their own, apart from the password's.
async fn throttled(state: &AppState, user_id: &str) -> Result<String, AppError> {
    let guesser = format!("second-factor:{user_id}");
    if let Err(RetryAfter(wait)) = state
        .sign_in_throttle
        .admit_and_wait(&guesser, client_ip())
        .await
    {
        tracing::warn!(user.id = %user_id, "second-factor guesses throttled");
        return Err(AppError::TooManyRequests {
            message: "Too many wrong codes. For your safety, wait a few minutes and try again."
                .into(),
            retry_after_secs: wait.as_secs().max(1),
        });
    }
    Ok(guesser)
}
