//! The UserInfo endpoint (OpenID Connect Core §5.3): the bearer token's user, with every account
//! and its roles.

use app::oauth::error::OAuthError;
use app::oauth::grants;
use app::server::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::HeaderMap;

pub async fn userinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    answer(&state, bearer(&headers)).await
}

/// RFC 6750 §2.2: the token may come in the form body instead.
pub async fn userinfo_posted(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let from_body = super::form::Params::parse(&body)
        .and_then(|params| params.get("access_token").map(str::to_owned));
    answer(&state, bearer(&headers).or(from_body)).await
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(|token| token.trim().to_owned())
}

async fn answer(state: &AppState, token: Option<String>) -> Response {
    let Some(token) = token else {
        return challenge(None);
    };
    match grants::userinfo(state, &token).await {
        Ok(body) => ([(http::header::CACHE_CONTROL, "no-store")], Json(body)).into_response(),
        Err(OAuthError::InvalidToken) => challenge(Some("invalid_token")),
        Err(error) => super::token::refuse(&error),
    }
}

fn challenge(error: Option<&str>) -> Response {
    let value = match error {
        Some(error) => format!("Bearer realm=\"roster\", error=\"{error}\""),
        None => "Bearer realm=\"roster\"".to_owned(),
    };
    let mut response = http::StatusCode::UNAUTHORIZED.into_response();
    if let Ok(value) = http::HeaderValue::from_str(&value) {
        response
            .headers_mut()
            .insert(http::header::WWW_AUTHENTICATE, value);
    }
    response
}
