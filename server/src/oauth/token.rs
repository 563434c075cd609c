//! The token endpoint (RFC 6749 §3.2), introspection (RFC 7662) and revocation (RFC 7009).

use super::client_auth::authenticate;
use super::form::Params;
use app::oauth::clients::Client;
use app::oauth::error::OAuthError;
use app::oauth::grants;
use app::server::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::HeaderMap;

/// An OAuth error as RFC 6749 §5.2 sends it (with the Basic challenge for a bad client).
pub fn refuse(error: &OAuthError) -> Response {
    let status =
        http::StatusCode::from_u16(error.status()).unwrap_or(http::StatusCode::BAD_REQUEST);
    let mut response = (status, no_store(), Json(error.body())).into_response();
    if matches!(error, OAuthError::InvalidClient) {
        response.headers_mut().insert(
            http::header::WWW_AUTHENTICATE,
            http::HeaderValue::from_static("Basic realm=\"roster\""),
        );
    }
    response
}

fn no_store() -> [(http::HeaderName, &'static str); 2] {
    [
        (http::header::CACHE_CONTROL, "no-store"),
        (http::header::PRAGMA, "no-cache"),
    ]
}

fn form(body: &[u8]) -> Result<Params, OAuthError> {
    Params::parse(body).ok_or_else(|| OAuthError::InvalidRequest("a parameter is repeated".into()))
}

pub async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    match issue(&state, &headers, &body).await {
        Ok(tokens) => (no_store(), Json(tokens)).into_response(),
        Err(error) => refuse(&error),
    }
}

async fn issue(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<grants::TokenResponse, OAuthError> {
    let params = form(body)?;
    let client = authenticate(state, headers, &params, true)?.client;
    match params.get("grant_type") {
        Some("authorization_code") => {
            let code = params
                .get("code")
                .ok_or_else(|| OAuthError::InvalidRequest("code is missing".into()))?;
            grants::exchange_code(
                state,
                client,
                code,
                params.get("redirect_uri"),
                params.get("code_verifier"),
            )
            .await
        }
        Some("refresh_token") => {
            let token = params
                .get("refresh_token")
                .ok_or_else(|| OAuthError::InvalidRequest("refresh_token is missing".into()))?;
            grants::refresh(state, client, token).await
        }
        Some(_) => Err(OAuthError::UnsupportedGrantType),
        None => Err(OAuthError::InvalidRequest("grant_type is missing".into())),
    }
}

pub async fn introspect(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    // Introspection tells what a token carries: only a client that can keep a secret may ask.
    match about_a_token(&state, &headers, &body, false, grants::introspect).await {
        Ok(body) => (no_store(), Json(body)).into_response(),
        Err(error) => refuse(&error),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    match about_a_token(&state, &headers, &body, true, grants::revoke).await {
        Ok(()) => (no_store(), http::StatusCode::OK).into_response(),
        Err(error) => refuse(&error),
    }
}

/// Introspection and revocation read alike: the client, then its `token`.
async fn about_a_token<T>(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
    allow_public: bool,
    answer: impl AsyncFnOnce(&AppState, &Client, &str) -> Result<T, OAuthError>,
) -> Result<T, OAuthError> {
    let params = form(body)?;
    let client = authenticate(state, headers, &params, allow_public)?.client;
    let token = params
        .get("token")
        .ok_or_else(|| OAuthError::InvalidRequest("token is missing".into()))?;
    answer(state, client, token).await
}
