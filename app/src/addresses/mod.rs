//! Verified addresses. A user proves they hold their address by following a link sent to it:
//! the verification mail after sign-up, or an invitation to it. They move to a new address only
//! by following a link sent there; until then nothing changes.

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

pub use change_address::{ChangeAddress, change_address};
pub use confirm_address::{ConfirmAddress, confirm_address};
pub use link_outcome::{AddressLinkOutcome, PendingAddress};
pub use send_verification::{SendVerificationAgain, send_verification_again};
pub use verify_address::{VerifyAddress, verify_address};
