//! The sign-in and sign-up forms.

mod sign_in_form;
mod sign_up_form;

pub use sign_in_form::SignInForm;
pub use sign_up_form::SignUpForm;
