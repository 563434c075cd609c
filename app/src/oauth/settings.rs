//! How Roster runs as an OpenID provider: the declared clients, token lifetimes and the keys.

use super::clients::Clients;
use super::keys::Keys;
use std::time::Duration;

pub struct OAuthSettings {
    pub clients: Clients,
    /// The issuer (`iss`): Roster's public URL, without a trailing slash.
    pub issuer: String,
    pub access_token_lifetime: Duration,
    pub id_token_lifetime: Duration,
    pub code_lifetime: Duration,
    pub refresh_token_lifetime: Duration,
    /// The most accounts an ID token lists (the rest through userinfo).
    pub id_token_accounts: u32,
    pub keys: Keys,
}

impl OAuthSettings {
    /// How long a key that stopped signing stays in the JWKS: as long as the longest-lived token
    /// it may have signed.
    pub fn tokens_live_for(&self) -> Duration {
        self.access_token_lifetime.max(self.id_token_lifetime)
    }

    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.issuer)
    }
}
