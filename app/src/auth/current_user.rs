use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The signed-in person as the pages see them. Holds nothing secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: String,
    pub email: String,
    pub display_name: String,
    /// Whether they followed a link sent to this address.
    pub email_verified: bool,
    /// When they did (RFC 3339).
    #[serde(default)]
    pub email_verified_at: Option<String>,
    /// Whether they have an authenticator app: forms of changes that cannot be taken back then
    /// offer a field for its code (step-up).
    #[serde(default)]
    pub has_authenticator: bool,
}

impl CurrentUser {
    /// Whether the address was proven theirs before `moment`: only then does it vouch for what
    /// was sent to it at that moment (an invitation). Proven later, it may have been proven by
    /// someone who took the address after the invitation named it.
    pub fn verified_before(&self, moment: &str) -> bool {
        self.email_verified_at
            .as_deref()
            .is_some_and(|verified| verified <= moment)
    }
}

/// Who is signed in, if anyone: `null` when nobody is.
#[server(prefix = "/api", endpoint = "whoami")]
pub async fn whoami() -> Result<Option<CurrentUser>, AppError> {
    crate::server::respond(crate::access::signed_in_user()).await
}
