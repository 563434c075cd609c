//! The fixed catalogue of permissions, shared by the server and the browser.

mod catalogue;
mod set;

pub use catalogue::{Permission, PermissionGroup};
pub use set::PermissionSet;
