//! One file per page; each renders on the server.

mod account_page;
mod address_link_page;
mod api_keys_page;
mod audit_page;
mod forgot_password_page;
mod home_page;
mod invitation_page;
mod not_found_page;
mod profile_page;
mod role_page;
mod roles_page;
mod second_factor_page;
mod settings_page;
mod sign_in_page;
mod sign_up_page;
mod webhooks_page;

pub use account_page::AccountPage;
pub use address_link_page::{ConfirmAddressPage, VerifyAddressPage};
pub use api_keys_page::ApiKeysPage;
pub use audit_page::AuditLogPage;
pub use forgot_password_page::{ForgotPasswordPage, ResetPasswordPage};
pub use home_page::HomePage;
pub use invitation_page::InvitationPage;
pub use not_found_page::NotFoundPage;
pub use profile_page::ProfilePage;
pub use role_page::RolePage;
pub use roles_page::RolesPage;
pub use second_factor_page::SecondFactorPage;
pub use settings_page::SettingsPage;
pub use sign_in_page::SignInPage;
pub use sign_up_page::SignUpPage;
pub use webhooks_page::WebhooksPage;
