//! The catalogue of permissions: Roster's own, shared by the server and the browser, and the
//! deployment's, declared at start; and the built-in roles, whose permissions are fixed here.

mod builtin_roles;
mod catalogue;
mod checklist;
pub mod product;
mod set;

pub use builtin_roles::BuiltinRole;
pub use catalogue::{Permission, PermissionGroup};
pub use checklist::{CatalogueEntry, CatalogueGroup, catalogue_groups};
pub use set::PermissionSet;
