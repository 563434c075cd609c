//! Step-up: the changes that cannot be taken back (handing over ownership, deleting an
//! account, making an API key, changing whether the account requires a second factor) ask a
//! user who has a second factor to have given it within `--step-up-within-secs`: a session
//! left open on someone's desk is not enough. A code typed with the change gives it now.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::server::{AppState, now_rfc3339};

/// Whether the signed-in user gave a second factor recently enough for a change that cannot be
/// taken back, or gives one now (`code`, from their authenticator app). A user without a second
/// factor has nothing to give: their password-made session is all there is.
pub async fn confirm_fresh(
    state: &AppState,
    user: &CurrentUser,
    code: Option<&str>,
) -> Result<(), AppError> {
    let mut conn = state.pool.acquire().await?;
    let has_one = super::queries::has_second_factor(&mut conn, &user.id).await?;
    drop(conn);
    if !has_one {
        return Ok(());
    }
    let row = crate::access::current_session_row()
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let given_at = crate::auth::sessions_queries::second_factor_at(&state.pool, &row).await?;
    if given_at
        .as_deref()
        .is_some_and(|at| recent(at, state.auth.step_up_within))
    {
        return Ok(());
    }
    let Some(code) = code.map(str::trim).filter(|code| !code.is_empty()) else {
        return Err(AppError::StepUpRequired);
    };
    // Read with the signed-in user, in the statement every request makes already.
    if !user.has_authenticator {
        return Err(AppError::Conflict(
            "Sign out and in again with your passkey, then make this change within 10 minutes: it asks for a fresh second factor.".into(),
        ));
    }
    super::codes::take_code(
        state,
        &user.id,
        code,
        "second_factor_code",
        super::codes::Purpose::Use,
    )
    .await
    .map_err(|error| match error {
        AppError::Validation(fields) => AppError::Conflict(
            fields
                .into_iter()
                .next()
                .map(|field| field.message)
                .unwrap_or_default(),
        ),
        other => other,
    })?;
    mark_given_now(state).await
}

/// Records that this session's user gave a second factor just now (a code typed, an
/// authenticator confirmed).
pub async fn mark_given_now(state: &AppState) -> Result<(), AppError> {
    if let Some(row) = crate::access::current_session_row().await? {
        crate::auth::sessions_queries::mark_second_factor(&state.writer, &row, &now_rfc3339())
            .await?;
    }
    Ok(())
}

fn recent(at: &str, within: std::time::Duration) -> bool {
    chrono::DateTime::parse_from_rfc3339(at).is_ok_and(|at| {
        let age = chrono::Utc::now() - at.with_timezone(&chrono::Utc);
        age.to_std().is_ok_and(|age| age < within) || age < chrono::Duration::zero()
    })
}
