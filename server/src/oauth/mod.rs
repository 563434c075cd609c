//! The OpenID provider's HTTP endpoints: thin handlers over `app::oauth`, which holds the rules.

mod authorize;
pub mod backchannel;
mod client_auth;
mod discovery;
mod form;
mod logout;
mod token;
mod userinfo;

use app::server::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn router<S: Clone + Send + Sync + 'static>(state: AppState) -> Router<S> {
    Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(discovery::configuration),
        )
        .route("/oauth/jwks", get(discovery::jwks))
        .route(
            "/oauth/authorize",
            get(authorize::start).post(authorize::decide),
        )
        .route("/oauth/token", post(token::token))
        .route("/oauth/introspect", post(token::introspect))
        .route("/oauth/revoke", post(token::revoke))
        .route(
            "/oauth/userinfo",
            get(userinfo::userinfo).post(userinfo::userinfo_posted),
        )
        .route("/oauth/logout", get(logout::end_session))
        .with_state(state)
}

/// The paths products call from their own servers (or apps) with no cookie: a request to them
/// forges nothing, so the cross-site check lets them through.
pub fn is_cookieless(path: &str) -> bool {
    matches!(
        path,
        "/oauth/token" | "/oauth/introspect" | "/oauth/revoke" | "/oauth/userinfo"
    )
}
