//! OpenID Connect Discovery 1.0 and the public keys (JWKS) that verify Roster's tokens.

use app::server::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

pub async fn configuration(State(state): State<AppState>) -> Response {
    let settings = &state.oauth;
    let at = |path: &str| settings.endpoint(path);
    let body = serde_json::json!({
        "issuer": settings.issuer,
        "authorization_endpoint": at("/oauth/authorize"),
        "token_endpoint": at("/oauth/token"),
        "userinfo_endpoint": at("/oauth/userinfo"),
        "jwks_uri": at("/oauth/jwks"),
        "revocation_endpoint": at("/oauth/revoke"),
        "introspection_endpoint": at("/oauth/introspect"),
        "end_session_endpoint": at("/oauth/logout"),
        "scopes_supported": app::oauth::SUPPORTED_SCOPES,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256", "RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "revocation_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "introspection_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
        "prompt_values_supported": ["none", "login", "consent", "select_account"],
        "claims_supported": [
            "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "amr", "sid", "email",
            "email_verified", "name", "account_id", "accounts"
        ],
        "authorization_response_iss_parameter_supported": true,
        "backchannel_logout_supported": true,
        "backchannel_logout_session_supported": true,
        "claims_parameter_supported": false,
        "request_parameter_supported": false,
        "request_uri_parameter_supported": false,
    });
    (
        [(http::header::CACHE_CONTROL, "public, max-age=300")],
        Json(body),
    )
        .into_response()
}

pub async fn jwks(State(state): State<AppState>) -> Response {
    let settings = &state.oauth;
    let ring = match settings.keys.ring().await {
        Ok(ring) => ring,
        Err(error) => {
            tracing::error!(%error, "reading the signing keys failed");
            return http::StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let keys: Vec<&serde_json::Value> = ring
        .published(chrono::Utc::now(), settings.tokens_live_for())
        .into_iter()
        .map(|key| &key.public_jwk)
        .collect();
    (
        [(http::header::CACHE_CONTROL, "public, max-age=300")],
        Json(serde_json::json!({ "keys": keys })),
    )
        .into_response()
}
