//! The form that creates an account.

mod create_account_form;

pub use create_account_form::CreateAccountForm;
