//! The security headers of Roster's answers. Pages get a Content-Security-Policy that lets only
//! Roster's own files and the per-response nonce of Leptos' hydration script run; everything
//! else (server functions, files) gets a policy that allows nothing at all.

use http::HeaderValue;
use http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY};

/// For answers that are not pages: nothing may load, run or frame them.
pub const LOCKED_DOWN_POLICY: &str =
    "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy of a page whose one inline script carries `nonce`. `wasm-unsafe-eval` lets the
/// islands' WebAssembly be compiled; it does not allow `eval` of JavaScript.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Called while a page renders: its policy with this response's nonce, and no caching, since
/// every page may show private data.
pub fn set_page_headers() {
    let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let policy = match leptos::nonce::use_nonce() {
        Some(nonce) => page_policy(&nonce.to_string()),
        // Without a nonce no inline script can run at all, which is still safe.
        None => page_policy("unavailable"),
    };
    if let Ok(value) = HeaderValue::from_str(&policy) {
        options.insert_header(CONTENT_SECURITY_POLICY, value);
    }
    options.insert_header(CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// A page whose address is a secret (an invitation link) tells no one where the visitor came
/// from, not even Roster's own pages.
pub fn send_no_referrer() {
    if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        options.insert_header(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_runs_only_its_own_scripts_and_the_nonced_one() {
        let policy = page_policy("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("unsafe-inline"));
        for directive in [
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ] {
            assert!(policy.contains(directive), "{directive}");
        }
    }
}
