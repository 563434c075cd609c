//! `Idempotency-Key` on POST: a program that retries a request whose answer it never got
//! (a timeout, a dropped connection) gets the first answer again for a day, instead of the
//! change made twice. The same idempotency key with another request is refused, and so is a
//! retry that arrives while the first is still being answered.

use super::ApiState;
use super::problem::Problem;
use app::api_keys::queries::replays::{self, Replay};
use app::error::AppError;
use app::secrets::ApiKeySecret;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, Method, header};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

pub const HEADER: &str = "idempotency-key";
const REPLAYED: &str = "idempotent-replayed";

/// The (key, idempotency key) pairs whose first request is being answered now.
#[derive(Clone, Default)]
pub struct InFlight(Arc<Mutex<HashSet<(String, String)>>>);

/// Takes a pair out of [`InFlight`] when the request ends, however it ends.
struct Claim {
    in_flight: InFlight,
    pair: (String, String),
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Ok(mut pairs) = self.in_flight.0.lock() {
            pairs.remove(&self.pair);
        }
    }
}

pub async fn idempotent(State(api): State<ApiState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let Some(value) = request.headers().get(HEADER) else {
        return next.run(request).await;
    };
    let Some(idempotency_key) = value
        .to_str()
        .ok()
        .filter(|key| (1..=255).contains(&key.len()))
        .map(str::to_owned)
    else {
        return Problem(AppError::field(
            "Idempotency-Key",
            "An Idempotency-Key is 1 to 255 visible characters, e.g. a UUID.",
        ))
        .into_response();
    };
    // Without a key there is nothing to replay: the gate answers.
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let secret = authorization.as_deref().and_then(ApiKeySecret::from_bearer);
    let key_id = match secret {
        Some(secret) => match replays::key_id(&api.app.pool, &secret.hash()).await {
            Ok(Some(id)) => id,
            Ok(None) => return next.run(request).await,
            Err(error) => return Problem(error.into()).into_response(),
        },
        None => return next.run(request).await,
    };
    // The body is already bounded by the request limits.
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Problem(AppError::field("body", "The body could not be read.")).into_response();
    };
    let fingerprint = fingerprint(&parts.method, &parts.uri, &bytes);
    let now = chrono::Utc::now();
    let stamp = app::server::rfc3339;
    let since = stamp(now - api.replay_window);
    let found = match replays::find(&api.app.pool, &key_id, &idempotency_key, &since).await {
        Ok(found) => found,
        Err(error) => return Problem(error.into()).into_response(),
    };
    // What was stored answers only a key that works now (live, its maker still holding what it
    // carries); any other is answered by the gate, as without the header. A first request is
    // checked by the handler's own gate.
    if found.is_some()
        && app::access::calling_key(&api.app, authorization.as_deref())
            .await
            .is_err()
    {
        return next
            .run(Request::from_parts(parts, Body::from(bytes)))
            .await;
    }
    match found {
        Some(replay) if replay.fingerprint == fingerprint => return replayed(replay),
        Some(_) => {
            return Problem(AppError::field(
                "Idempotency-Key",
                "This Idempotency-Key was sent with another request: use a new key for a new request.",
            ))
            .into_response();
        }
        None => {}
    }
    let pair = (key_id.clone(), idempotency_key.clone());
    let claimed = api
        .in_flight
        .0
        .lock()
        .map(|mut pairs| pairs.insert(pair.clone()))
        .unwrap_or(false);
    if !claimed {
        return Problem(AppError::Conflict(
            "A request with this Idempotency-Key is still being answered: retry in a moment."
                .into(),
        ))
        .into_response();
    }
    let _claim = Claim {
        in_flight: api.in_flight.clone(),
        pair,
    };
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let status = response.status().as_u16();
    // A refusal that may pass on a retry (no key, over the allowance, a failure of ours) is
    // not kept: the retry is answered afresh.
    if matches!(status, 401 | 429) || status >= 500 {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
        return Problem(AppError::Internal).into_response();
    };
    let replay = Replay {
        fingerprint,
        status,
        content_type: parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("application/json")
            .to_owned(),
        body: body.to_vec(),
    };
    if let Err(error) = replays::keep(
        &api.app.writer,
        &key_id,
        &idempotency_key,
        &replay,
        &stamp(now),
        &since,
    )
    .await
    {
        // The change is made; only a retry's replay is lost.
        tracing::warn!(%error, "an idempotent answer could not be kept");
    }
    Response::from_parts(parts, Body::from(body))
}

fn fingerprint(method: &Method, uri: &http::Uri, body: &[u8]) -> Vec<u8> {
    let mut hash = Sha256::new();
    hash.update(method.as_str());
    hash.update([0]);
    hash.update(uri.path_and_query().map_or("", |p| p.as_str()));
    hash.update([0]);
    hash.update(body);
    hash.finalize().to_vec()
}

fn replayed(replay: Replay) -> Response {
    let mut response = Response::new(Body::from(replay.body));
    *response.status_mut() =
        http::StatusCode::from_u16(replay.status).unwrap_or(http::StatusCode::OK);
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&replay.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(REPLAYED, HeaderValue::from_static("true"));
    response
}
