use serde::{Deserialize, Serialize};

/// An API key as its account's page lists it: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyRow {
    pub id: String,
    pub name: String,
    pub hint: String,
    pub permissions: Vec<String>,
    pub created_by: String,
    /// The user id of the member whose delegate the key is, if their user still exists.
    pub maker_id: Option<String>,
    /// Why the key does not work although live: its maker left or holds less than it carries.
    pub suspended: Option<String>,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// A permission a new key may be given: one the viewer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantablePermission {
    pub name: String,
    pub description: String,
    pub group: String,
}

/// The account's API keys page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeysView {
    pub keys: Vec<ApiKeyRow>,
    pub may_write: bool,
    pub grantable: Vec<GrantablePermission>,
    /// The secret of the key this browser just created, shown this once.
    pub new_secret: Option<NewKeySecret>,
    /// Whether the viewer has an authenticator app (making a key asks for its code).
    #[serde(default)]
    pub viewer_has_authenticator: bool,
}

/// A new key's secret, on the page that follows its creation and never again.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewKeySecret {
    pub key_id: String,
    pub name: String,
    pub secret: String,
}

impl std::fmt::Debug for NewKeySecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewKeySecret")
            .field("key_id", &self.key_id)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}
