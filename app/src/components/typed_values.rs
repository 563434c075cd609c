//! What a refused form post (without JavaScript) had in its fields, read back from the page's
//! address, where the server put it (`server/src/typed_values.rs`), so that the form shows it
//! again.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The query key that carries a refused form's fields (passwords never among them).
pub const TYPED_QUERY_KEY: &str = "__typed";

/// The id of the form that posts to the server function `function`, and the fragment a refusal
/// of it comes back to.
pub fn form_anchor(function: &str) -> String {
    format!("form-{function}")
}

/// The fields of the refused post to `/api/<function>`, if this page is its answer.
pub struct TypedValues(Vec<(String, String)>);

impl TypedValues {
    pub fn of(function: &str) -> Self {
        let refused = super::url_error(&format!("/api/{function}")).is_some();
        let fields = use_query_map()
            .read_untracked()
            .get(TYPED_QUERY_KEY)
            .filter(|_| refused)
            .map(|typed| {
                form_urlencoded::parse(typed.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        Self(fields)
    }

    /// Every value sent under `name` (the ticked boxes of a list).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// What was typed into the field `name`.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}
