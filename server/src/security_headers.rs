//! Headers every answer carries. Pages set their own Content-Security-Policy (with the nonce of
//! their hydration script) and `Cache-Control` while they render; these layers fill in what an
//! answer did not set, so that nothing leaves without them.

use app::server::security_headers::LOCKED_DOWN_POLICY;
use axum::Router;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderValue;
use http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn add_security_headers(router: Router) -> Router {
    router
        .layer(axum::middleware::from_fn(cache_policy))
        .layer(SetResponseHeaderLayer::if_not_present(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(LOCKED_DOWN_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
}

/// The browser files under `/pkg/` (and the favicon) are public and may be kept, but checked
/// again before use since their names do not change between builds; everything else may show
/// private data and is never stored.
async fn cache_policy(request: Request, next: Next) -> Response {
    let public = is_public_file(request.uri().path());
    let mut response = next.run(request).await;
    if !response.headers().contains_key(CACHE_CONTROL) {
        let value = if public { "no-cache" } else { "no-store" };
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

fn is_public_file(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg" || path == "/favicon.ico"
}

#[cfg(test)]
mod tests {
    use super::is_public_file;

    #[test]
    fn only_the_built_browser_files_are_public() {
        assert!(is_public_file("/pkg/roster.wasm"));
        assert!(is_public_file("/favicon.svg"));
        assert!(!is_public_file("/accounts/1"));
        assert!(!is_public_file("/api/whoami"));
    }
}
