//! The forms and widgets of the Roles pages.

mod create_role_form;
mod permission_checklist;
mod role_dialogs;
mod role_permissions_form;

pub use create_role_form::CreateRoleForm;
pub use permission_checklist::PermissionChecklist;
pub use role_dialogs::{DeleteRoleForm, DuplicateRoleForm, RenameRoleForm};
pub use role_permissions_form::RolePermissionsForm;
