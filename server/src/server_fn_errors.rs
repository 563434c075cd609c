//! Gives every server function error the status of its kind.
//!
//! When a request cannot even be decoded (a missing or duplicated field, a `page` that is not a
//! number), the server-function framework answers before Roster's code runs, always with 500
//! and the encoded error. The error is Roster's own type, so this layer decodes it and sets the
//! status it stands for: a client's mistake is a 4xx, and 500 stays for real internal errors.

use app::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::StatusCode;
use http_body_util::BodyExt;

use server_fn::error::SERVER_FN_ERROR_HEADER;

/// Error answers are a few bytes of JSON; anything larger is not one of them.
const MAX_ERROR_BYTES: usize = 16 * 1024;

pub async fn status_of_server_fn_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match http_body_util::Limited::new(body, MAX_ERROR_BYTES)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Response::from_parts(parts, Body::empty()),
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}
