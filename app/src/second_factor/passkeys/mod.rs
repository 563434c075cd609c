//! Passkeys (WebAuthn, through `webauthn-rs`): several per user, each named; a passkey signs in
//! alone (a discoverable credential with the user verified by the device), or serves as the
//! second step after a password. Ceremonies need the browser's script (`ui/passkey_script.js`).

mod registration;
mod removal;
mod second_step;
mod sign_in;
mod view;

#[cfg(feature = "ssr")]
mod browser_answer;
#[cfg(feature = "ssr")]
mod ceremony_state;
#[cfg(feature = "ssr")]
pub mod name;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
mod relying_party;
#[cfg(feature = "ssr")]
mod stored;

#[cfg(feature = "ssr")]
use relying_party::relying_party;

pub use registration::{
    BeginPasskeyRegistration, FinishPasskeyRegistration, begin_passkey_registration,
    finish_passkey_registration,
};
pub use removal::{RemovePasskey, remove_passkey};
pub use second_step::{
    BeginPasskeySecondStep, FinishPasskeySecondStep, begin_passkey_second_step,
    finish_passkey_second_step,
};
pub use sign_in::{
    BeginPasskeySignIn, FinishPasskeySignIn, begin_passkey_sign_in, finish_passkey_sign_in,
};
pub use view::PasskeyView;
#[cfg(feature = "ssr")]
pub use view::of_user;
