//! Second factors: an authenticator app (TOTP), recovery codes for the day it is lost, and the
//! second step of a sign-in that asks for one. Once a user has one, their password alone opens
//! nothing: it only brings them to the second step.

mod enrolment;
pub mod passkeys;
pub mod policy;
mod sign_in_step;
pub mod ui;
mod view;

#[cfg(feature = "ssr")]
pub mod codes;
#[cfg(feature = "ssr")]
pub mod pending_sign_in;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod recovery_codes;
#[cfg(feature = "ssr")]
mod recovery_mail;
#[cfg(feature = "ssr")]
pub mod step_up;
#[cfg(feature = "ssr")]
pub mod totp;

pub use enrolment::{
    CancelAuthenticator, ConfirmAuthenticator, MakeRecoveryCodes, RemoveAuthenticator,
    StartAuthenticator, cancel_authenticator, confirm_authenticator, make_recovery_codes,
    remove_authenticator, start_authenticator,
};
#[cfg(feature = "ssr")]
pub(crate) use sign_in_step::sign_in_again;
pub use sign_in_step::{
    SecondStepOffer, SecondStepWaits, SignInWithCode, SignInWithRecoveryCode, second_step_waits,
    sign_in_with_code, sign_in_with_recovery_code,
};
#[cfg(feature = "ssr")]
pub use view::of_user;
pub use view::{AuthenticatorState, SecondFactors, grouped};

/// The page of a sign-in's second step.
pub const SECOND_STEP_PATH: &str = "/sign-in/second-factor";
