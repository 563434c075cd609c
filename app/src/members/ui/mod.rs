//! The members table and its dialogs.

mod member_dialogs;
mod members_table;

pub use member_dialogs::{MakeOwnerDialog, RemoveDialog, RolesDialog};
pub use members_table::MembersTable;
