//! Bounds on what one request may make the server do before any handler runs: the body is read
//! here, against a size cap and a deadline, and a server function is only handed a form.
//!
//! Server functions take small form posts; reading a body to the end here (at most
//! `max_body_bytes`) means no handler ever waits on a slow client, and a too-large, too-slow
//! or wrongly typed body is answered with its own 4xx and a message that says what was wrong.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderMap, Method, StatusCode};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct RequestLimits {
    pub max_body_bytes: usize,
    pub body_timeout: Duration,
}

pub async fn bound_request(
    State(limits): State<RequestLimits>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let declared = declared_length(request.headers());
    if declared.is_some_and(|length| length > limits.max_body_bytes as u64) {
        return closing(too_large(limits));
    }
    let (parts, body) = request.into_parts();
    let bytes = match read_body(body, limits).await {
        Ok(bytes) => bytes,
        // The rest of the body was never read: the connection cannot carry another request.
        Err(refusal) => return closing(refusal),
    };
    // A server function reads a form; anything else sent to one is refused as such. (An empty
    // body needs no type: functions without fields are called that way.)
    // (The JSON API under /api/v1 reads its own bodies.)
    let path = parts.uri.path();
    if path.starts_with("/api/")
        && !path.starts_with("/api/v1/")
        && !bytes.is_empty()
        && !is_form(&parts.headers)
    {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the fields as a form (application/x-www-form-urlencoded).".into(),
        );
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

async fn read_body(body: Body, limits: RequestLimits) -> Result<Bytes, Response> {
    let limited = Limited::new(body, limits.max_body_bytes);
    match tokio::time::timeout(limits.body_timeout, limited.collect()).await {
        Err(_) => Err(refuse(
            StatusCode::REQUEST_TIMEOUT,
            "The request's body did not arrive in time.".into(),
        )),
        Ok(Err(error)) if error.downcast_ref::<LengthLimitError>().is_some() => {
            Err(too_large(limits))
        }
        Ok(Err(_)) => Err(refuse(
            StatusCode::BAD_REQUEST,
            "The request's body could not be read.".into(),
        )),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
    }
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| {
            media
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

fn too_large(limits: RequestLimits) -> Response {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "The request is too large: at most {} KB is accepted.",
            limits.max_body_bytes / 1024
        ),
    )
}

fn refuse(status: StatusCode, message: String) -> Response {
    (status, message).into_response()
}

/// An answer given before the request's body was read whole: it says the connection closes,
/// as the server then does, so that a client does not send its next request down it.
pub fn closing(mut response: Response) -> Response {
    response.headers_mut().insert(
        http::header::CONNECTION,
        http::HeaderValue::from_static("close"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn a_form_is_recognised_with_or_without_its_charset() {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded; charset=UTF-8"),
        );
        assert!(is_form(&headers));
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        assert!(!is_form(&headers));
    }
}
