//! Widgets shared by several pages.

mod account_nav;
mod account_switcher;
mod actions_menu;
mod confirm_dialog;
mod error_panel;
mod form_error;
mod modal_dialog;
mod new_password_field;
mod page_holds;
mod page_notice;
mod password_field;
mod server_path;
mod sign_in_required;
mod site_header;
mod text_field;
mod typed_values;

pub use account_nav::{AccountNav, AccountSection};
pub use account_switcher::AccountSwitcher;
pub use actions_menu::{ActionsMenu, opener_id};
pub use confirm_dialog::ConfirmDialog;
pub use error_panel::ErrorPanel;
pub use form_error::{FormError, field_message};
pub use modal_dialog::ModalDialog;
pub use new_password_field::NewPasswordField;
pub use page_holds::{is_ticked, value_of};
pub use page_notice::{PageNotice, url_error};
pub use password_field::PasswordField;
pub use server_path::path_of;
pub use sign_in_required::SignInRequired;
pub use site_header::SiteHeader;
pub use text_field::TextField;
pub use typed_values::{TYPED_QUERY_KEY, TypedValues, form_anchor};
