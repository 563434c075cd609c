//! Invitations: an offer to an email address to join an account with some roles.
//! (Foundations: tokens. The flow itself — invite, mail, banner, accept — is being built.)

#[cfg(feature = "ssr")]
pub mod token;
