//! API keys: secrets that let a program act in one account, with permissions its creator held.
//! Shown once, stored as a hash, revocable, and named as the actor wherever they act.

mod adopt_api_key;
mod api_keys_view;
mod create_api_key;
mod revoke_api_key;
mod types;

#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
mod secret_handover;
#[cfg(feature = "ssr")]
pub mod suspension;

pub use adopt_api_key::{AdoptApiKey, adopt_api_key};
pub use api_keys_view::{ApiKeys, api_keys};
pub use create_api_key::{CreateApiKey, create_api_key};
pub use revoke_api_key::{RevokeApiKey, revoke_api_key};
pub use types::{ApiKeyRow, ApiKeysView, GrantablePermission, NewKeySecret};

/// How long a new key may work: the form's choices, in days (0: until revoked).
pub const LIFETIME_CHOICES: [(u32, &str); 4] = [
    (30, "30 days"),
    (90, "90 days"),
    (365, "1 year"),
    (0, "Until revoked"),
];
