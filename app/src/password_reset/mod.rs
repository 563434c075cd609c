//! A forgotten password: a mail with a single-use link (the invitations' token scheme) that
//! sets a new one, ends every session of the user and signs this browser in. Asking answers the
//! same whether or not a user has the address.

mod request_password_reset;
mod reset_password;

#[cfg(feature = "ssr")]
mod mail;

pub use request_password_reset::{RequestPasswordReset, request_password_reset};
pub use reset_password::{ResetLinkWorks, ResetPassword, reset_link_works, reset_password};
