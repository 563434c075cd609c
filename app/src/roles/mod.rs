//! Roles: the built-in ones every account has, custom ones its members make, and the server
//! functions that read and change them.

mod create_role;
mod delete_role;
mod duplicate_role;
mod get_role;
mod list_roles;
mod rename_role;
mod role_name;
mod set_role_permissions;
mod types;
pub mod ui;

#[cfg(feature = "ssr")]
mod grant;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod rules;

pub use create_role::{CreateRole, create_role};
pub use delete_role::{DeleteRole, delete_role};
pub use duplicate_role::{DuplicateRole, duplicate_role};
pub use get_role::{GetRole, get_role};
pub use list_roles::{ListRoles, list_roles};
pub use rename_role::{RenameRole, rename_role};
pub use role_name::{RoleName, parse_description};
pub use set_role_permissions::{SetRolePermissions, set_role_permissions};
pub use types::{RoleDetails, RoleMember, RoleSummary, RolesView};
