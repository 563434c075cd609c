//! The members table and its dialogs.

mod member_dialogs;
mod members_table;
mod user_search;

pub use member_dialogs::{MakeOwnerDialog, RemoveDialog, RolesDialog, keys_notice};
pub use members_table::MembersTable;
pub use user_search::UserSearch;
