//! Members of an account: the members table, their roles, ownership transfer and removal.

mod change_member;
mod leaving;
mod members_page;
mod search_types;
mod search_users;
mod types;
pub mod ui;

pub use change_member::*;
pub use leaving::self_removal_message;
pub use members_page::*;
pub use search_types::*;
pub use search_users::*;
pub use types::*;

#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod rules;
