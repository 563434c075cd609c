//! Accounts (organisations): creating one, listing one's own, and an account with its members.

mod account_details;
mod create_account;
mod create_account_form;
mod my_accounts;
mod types;

#[cfg(feature = "ssr")]
pub mod queries;

pub use account_details::{AccountDetails, account_details};
pub use create_account::{CreateAccount, create_account};
pub use create_account_form::CreateAccountForm;
#[cfg(feature = "ssr")]
pub use my_accounts::caller_account_name;
pub use my_accounts::{MyAccounts, my_accounts};
pub use types::{AccountSummary, AccountView, MemberRow};
