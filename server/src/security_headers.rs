//! Headers every answer carries: a page gets the policy naming its scripts' nonce, anything
//! else a policy that allows nothing; nothing private is cached; the invitation page, whose
//! address is a secret, sends no referrer at all.

use app::server::security_headers::{LOCKED_DOWN_POLICY, PageNonce, page_policy};
use axum::Router;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderValue;
use http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use tower_http::set_header::SetResponseHeaderLayer;

/// `form_targets`: the origins a page's forms may lead to besides Roster (see `page_policy`).
pub fn add_security_headers(router: Router, form_targets: FormTargets) -> Router {
    router
        .layer(axum::middleware::from_fn(cache_policy))
        .layer(axum::middleware::from_fn_with_state(
            form_targets,
            page_headers,
        ))
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

/// A page (an HTML answer) may run its own files and the scripts carrying its nonce.
/// The registered redirect origins of the products that sign in through Roster.
#[derive(Clone, Default)]
pub struct FormTargets(pub std::sync::Arc<str>);

async fn page_headers(
    axum::extract::State(form_targets): axum::extract::State<FormTargets>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = PageNonce::default();
    request.extensions_mut().insert(nonce.clone());
    // A reset link's page keeps the default, same-origin: its refused form must come back to
    // it (by the Referer), and no other site learns its address either way.
    let path = request.uri().path();
    let secret_address = ["/invitations/", "/verify-address/", "/confirm-address/"]
        .iter()
        .any(|prefix| path.starts_with(prefix));
    let mut response = next.run(request).await;
    let is_page = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if is_page {
        // Without a nonce no inline script can run at all, which is still safe.
        let policy = page_policy(nonce.get().unwrap_or("unavailable"), &form_targets.0);
        if let Ok(value) = HeaderValue::from_str(&policy) {
            response
                .headers_mut()
                .insert(CONTENT_SECURITY_POLICY, value);
        }
    }
    if secret_address {
        response
            .headers_mut()
            .insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    }
    response
}

/// The browser files under `/pkg/` (and the favicon) are public. One whose name carries its
/// content's hash is kept for a year, never checked again: a new build names new files. Others
/// may be kept but are checked again before use. Everything else may show private data and is
/// never stored.
async fn cache_policy(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let public = is_public_file(path);
    let fingerprinted = path.starts_with("/pkg/")
        && app::browser_files::is_fingerprinted(path.rsplit('/').next().unwrap_or_default());
    let mut response = next.run(request).await;
    let value = match (public, fingerprinted && response.status().is_success()) {
        (false, _) => "no-store",
        (true, true) => "public, max-age=31536000, immutable",
        (true, false) => "no-cache",
    };
    if !response.headers().contains_key(CACHE_CONTROL) {
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
