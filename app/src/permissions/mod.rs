//! The catalogue of permissions: Roster's own, shared by the server and the browser, and the
//! deployment's, declared at start.

mod catalogue;
mod checklist;
pub mod product;
mod set;

pub use catalogue::{Permission, PermissionGroup};
pub use checklist::{CatalogueEntry, CatalogueGroup, catalogue_groups};
pub use set::PermissionSet;
