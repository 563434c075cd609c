//! Roster as an OpenID Connect provider: the products the operator declared (clients) sign
//! their users in here and receive tokens that name one account with its roles and permissions.
//!
//! The protocol's state is small and kept in the database: a code is used once, a refresh token
//! is used once (a second use ends its whole grant), and a grant ends with the Roster session it
//! came from. The HTTP endpoints are thin (`server/src/oauth/`); the rules are here.

pub mod problem;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod authorize;
#[cfg(feature = "ssr")]
pub mod authorize_request;
#[cfg(feature = "ssr")]
pub mod clients;
#[cfg(feature = "ssr")]
pub mod error;
#[cfg(feature = "ssr")]
pub mod grants;
#[cfg(feature = "ssr")]
pub mod keys;
#[cfg(feature = "ssr")]
mod keys_queries;
#[cfg(feature = "ssr")]
pub mod logout;
#[cfg(feature = "ssr")]
pub mod member_claims;
#[cfg(feature = "ssr")]
pub mod pkce;
#[cfg(feature = "ssr")]
pub(crate) mod queries;
#[cfg(feature = "ssr")]
pub mod settings;
#[cfg(feature = "ssr")]
pub mod tokens;

#[cfg(feature = "ssr")]
pub use settings::OAuthSettings;

/// The scopes Roster knows. `openid` is required; `profile` and `email` add the user's name and
/// address to the ID token; `offline_access` is accepted (every grant has a refresh token).
pub const SUPPORTED_SCOPES: [&str; 4] = ["openid", "profile", "email", "offline_access"];

/// Where a browser goes after signing in to finish an authorization: the picker and consent.
pub const DECIDE_PATH: &str = "/oauth/decide";

/// A member removed from an account: every product they signed into for it is signed out
/// (their grants end, and back-channel logout tells the products), in the removal's transaction.
#[cfg(feature = "ssr")]
pub async fn member_removed(
    conn: &mut dyn crate::db::Db,
    account_id: &str,
    user_id: &str,
) -> Result<(), sqlx::Error> {
    let now = crate::server::now_rfc3339();
    queries::end_member_grants(conn, account_id, user_id, &now).await?;
    Ok(())
}

/// Forgets expired codes and refresh tokens (the periodic sweep).
#[cfg(feature = "ssr")]
pub async fn sweep(pool: &crate::db::Pool) -> Result<u64, sqlx::Error> {
    queries::sweep(pool, &crate::server::now_rfc3339()).await
}
