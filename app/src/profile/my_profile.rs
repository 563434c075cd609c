use crate::auth::{CurrentUser, UserSession};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the profile page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub user: CurrentUser,
    /// Where the user is signed in, this session marked, the most recently active first.
    pub sessions: Vec<UserSession>,
    /// The accounts the user owns: while there are any, they cannot delete their user.
    pub owned_accounts: Vec<String>,
    /// A new address that waits for its link to be followed.
    pub address_change: Option<crate::addresses::PendingAddress>,
    /// The live API keys the user made ("“ci-bot” in Acme"): deleting the user suspends them.
    pub keys_made: Vec<String>,
    /// The authenticator app and recovery codes.
    pub second_factors: crate::second_factor::SecondFactors,
}

/// The signed-in user and their sessions.
#[server(prefix = "/api", endpoint = "my_profile")]
pub async fn my_profile() -> Result<ProfileView, AppError> {
    use crate::access::{current_session_row, require_user};
    use crate::auth::user_tokens::{self, TokenPurpose};
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        let current = current_session_row().await?;
        let mut sessions = crate::auth::sessions_queries::of_user(&state.pool, &user.id).await?;
        for session in &mut sessions {
            session.current = current.as_deref() == Some(session.id.as_str());
        }
        let mut conn = state.pool.acquire().await?;
        let owned_accounts = super::queries::owned_account_names(&mut conn, &user.id).await?;
        let keys_made =
            crate::api_keys::queries::live_keys_of_maker(&mut conn, &user.id, &now_rfc3339())
                .await?;
        let address_change = user_tokens::open_link_address(
            &state.pool,
            &user.id,
            TokenPurpose::ChangeAddress,
            &now_rfc3339(),
        )
        .await?
        .map(|(email, expires_at)| crate::addresses::PendingAddress { email, expires_at });
        let second_factors = crate::second_factor::of_user(&mut conn, &user).await?;
        Ok(ProfileView {
            second_factors,
            user,
            sessions,
            owned_accounts,
            address_change,
            keys_made,
        })
    })
    .await
}
