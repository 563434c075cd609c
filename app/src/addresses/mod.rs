//! Verified addresses. A user proves they hold their address by following a link sent to it:
//! the verification mail after sign-up, or an invitation to it. They move to a new address only
//! by following a link sent there; until then nothing changes.

mod address_link;
mod change_address;
mod confirm_address;
mod link_outcome;
mod send_verification;
pub mod ui;
mod verify_address;

#[cfg(feature = "ssr")]
mod mail;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
pub mod verification;

pub use address_link::{AddressLink, address_link};
pub use change_address::{ChangeAddress, change_address};
pub use confirm_address::{ConfirmAddress, confirm_address};
pub use link_outcome::{AddressLinkOutcome, AddressLinkView, LinkViewer, PendingAddress};
pub use send_verification::{SendVerificationAgain, send_verification_again};
pub use verify_address::{VerifyAddress, verify_address};

/// The page behind a mailed link (`prefix` is `/verify-address/` or `/confirm-address/`); the
/// token is percent-encoded, so whatever was posted stays inside the path.
pub fn link_page(prefix: &str, token: &str) -> String {
    format!("{prefix}{}", url_safe(token))
}

fn url_safe(token: &str) -> String {
    token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(200)
        .collect()
}

/// The link's page with what it cannot read back from the link itself (taken, not yours).
pub fn with_outcome(page: &str, outcome: &AddressLinkOutcome) -> String {
    match outcome.query_key() {
        Some(key) => format!("{page}?outcome={key}"),
        None => page.to_owned(),
    }
}
