//! A sign-in between its two factors. The password was right, but the browser holds no
//! signed-in session yet: only this note, which names the user, says where to go next, and
//! expires. The second factor turns it into a session; nothing else does.

use crate::access::{end_session_row, session, start_session};
use crate::auth::Factor;
use crate::error::AppError;
use crate::server::{AppState, internal};
use serde::{Deserialize, Serialize};

const SLOT: &str = "pending_sign_in";

#[derive(Serialize, Deserialize)]
pub struct PendingSignIn {
    pub user_id: String,
    /// The first factor: a password, or a mailed link (a password reset).
    pub first: Factor,
    /// Unix seconds when the first factor was given.
    pub at: i64,
    /// Where to go once signed in (a local path).
    pub next: String,
}

/// What the first factor led to.
#[derive(Debug, PartialEq, Eq)]
pub enum AfterFirstFactor {
    /// The user has no second factor: this browser is signed in.
    SignedIn,
    /// The browser holds the sign-in, and goes to the second step's page.
    SecondFactorAsked,
}

/// After the first factor of `user_id`: signed in when the user has no second factor, else
/// held until the second (which then goes to `next`). Any earlier sign-in of this browser
/// ends first: whoever typed a password is not left signed in as someone else.
pub async fn after_first_factor(
    state: &AppState,
    user_id: &str,
    first: Factor,
    next: &str,
) -> Result<AfterFirstFactor, AppError> {
    let session = session().await?;
    let mut conn = state.pool.acquire().await?;
    let asks_more = super::queries::has_second_factor(&mut conn, user_id).await?;
    drop(conn);
    if !asks_more {
        start_session(&session, user_id, &[first]).await?;
        return Ok(AfterFirstFactor::SignedIn);
    }
    end_session_row(&session).await?;
    session.clear().await;
    session.cycle_id().await.map_err(internal)?;
    let pending = PendingSignIn {
        user_id: user_id.to_owned(),
        first,
        at: chrono::Utc::now().timestamp(),
        next: next.to_owned(),
    };
    session.insert(SLOT, pending).await.map_err(internal)?;
    tracing::info!(user.id = %user_id, "first factor passed; the second is asked");
    Ok(AfterFirstFactor::SecondFactorAsked)
}

/// The sign-in this browser holds between its factors, if one is there and still within its
/// time. Nobody is signed in meanwhile.
pub async fn pending(state: &AppState) -> Result<Option<PendingSignIn>, AppError> {
    let session = session().await?;
    let pending: Option<PendingSignIn> = session.get(SLOT).await.map_err(internal)?;
    let within = i64::try_from(state.auth.second_factor_within.as_secs()).unwrap_or(i64::MAX);
    Ok(pending.filter(|pending| chrono::Utc::now().timestamp() - pending.at < within))
}

/// Turns the held sign-in into a session made by both factors.
pub async fn complete(pending: PendingSignIn, second: Factor) -> Result<(), AppError> {
    let session = session().await?;
    session
        .remove::<PendingSignIn>(SLOT)
        .await
        .map_err(internal)?;
    start_session(&session, &pending.user_id, &[pending.first, second]).await
}
