//! The security headers of Roster's answers. Pages get a Content-Security-Policy that lets only
//! Roster's own files and the per-response nonce of Leptos' hydration script run; everything
//! else (server functions, files) gets a policy that allows nothing at all.
//!
//! The page policy is set by the server's header layer, not through `ResponseOptions` while the
//! page renders: headers inserted there were missing from some pages under load (a page
//! then ran nothing at all). The renderer only hands its nonce to the layer, through a slot
//! the layer puts in the request.

use std::sync::{Arc, OnceLock};

/// For answers that are not pages: nothing may load, run or frame them.
pub const LOCKED_DOWN_POLICY: &str =
    "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy of a page whose one inline script carries `nonce`. `wasm-unsafe-eval` lets the
/// islands' WebAssembly be compiled; it does not allow `eval` of JavaScript.
/// `form_targets`: the origins (space-separated) a form may lead to besides Roster itself,
/// through redirects: the registered redirect URIs of the products that sign in through Roster
/// (a sign-in or consent form ends at the product, and browsers hold every hop of a form's
/// redirects to `form-action`).
pub fn page_policy(nonce: &str, form_targets: &str) -> String {
    let form_targets = if form_targets.is_empty() {
        String::new()
    } else {
        format!(" {form_targets}")
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'{form_targets}; frame-ancestors 'none'"
    )
}

/// Where the page renderer leaves the nonce of its inline scripts for the header layer.
#[derive(Clone, Debug, Default)]
pub struct PageNonce(Arc<OnceLock<String>>);

impl PageNonce {
    pub fn get(&self) -> Option<&str> {
        self.0.get().map(String::as_str)
    }
}

/// Called where each page's contexts are provided: hands this response's nonce to the layer.
#[cfg(feature = "ssr")]
pub fn share_page_nonce() {
    use leptos::prelude::use_context;
    let (Some(parts), Some(nonce)) = (
        use_context::<http::request::Parts>(),
        leptos::nonce::use_nonce(),
    ) else {
        return;
    };
    if let Some(slot) = parts.extensions.get::<PageNonce>() {
        let _ = slot.0.set(nonce.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_runs_only_its_own_scripts_and_the_nonced_one() {
        let policy = page_policy("abc123", "");
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

    #[test]
    fn forms_may_lead_to_the_registered_products_and_nowhere_else() {
        let policy = page_policy("n", "https://app.example http://127.0.0.1:8400");
        assert!(policy.contains("form-action 'self' https://app.example http://127.0.0.1:8400;"));
    }

    #[test]
    fn the_nonce_slot_is_shared_by_its_clones() {
        let slot = PageNonce::default();
        let _ = slot.clone().0.set("n1".to_owned());
        assert_eq!(slot.get(), Some("n1"));
    }
}
