//! An account that requires a second factor of its members. Turning it on removes nobody: a
//! member without one stays a member, and every door into the account (pages, server
//! functions, API keys they made) answers "this account requires a second factor" until they
//! add one (`access::queries::member_rights` reads it with their rights, in the same statement).

mod require;
mod view;

#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod rules;

pub use require::{RequireSecondFactor, require_second_factor};
#[cfg(feature = "ssr")]
pub use view::of_account;
pub use view::{MemberWithout, SecondFactorPolicy};
