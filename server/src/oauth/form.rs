//! A form body or query as OAuth reads it: each parameter at most once (RFC 6749 §3.1), empty
//! values counted as absent.

use std::collections::HashMap;

pub struct Params(HashMap<String, String>);

impl Params {
    /// `None` when a parameter is repeated.
    pub fn parse(body: &[u8]) -> Option<Self> {
        let mut params = HashMap::new();
        for (name, value) in form_urlencoded::parse(body) {
            if params
                .insert(name.into_owned(), value.into_owned())
                .is_some()
            {
                return None;
            }
        }
        Some(Self(params))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    }
}
