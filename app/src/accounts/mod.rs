//! Accounts (organisations): creating one, listing one's own, an account with its members, and
//! its settings (rename, delete).

mod account_details;
mod account_settings;
mod create_account;
mod delete_account;
mod my_accounts;
mod rename_account;
mod types;
mod ui;

#[cfg(feature = "ssr")]
mod deleted_mail;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod rules;

pub use account_details::{AccountDetails, account_details};
pub use account_settings::{AccountSettings, account_settings};
pub use create_account::{CreateAccount, create_account};
pub use delete_account::{DeleteAccount, delete_account};
#[cfg(feature = "ssr")]
pub use my_accounts::caller_account_name;
pub use my_accounts::{MyAccounts, my_accounts};
pub use rename_account::{RenameAccount, rename_account};
pub use types::{AccountSettingsView, AccountSummary, AccountView, MemberRow};
pub use ui::CreateAccountForm;
