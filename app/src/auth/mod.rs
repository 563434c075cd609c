//! Users and sessions: sign up, sign in, sign out, and who is signed in.

mod browser_name;
mod current_user;
mod factor;
mod sign_in;
mod sign_out;
mod sign_up;
mod ui;
mod user_session;

#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod sessions_queries;
#[cfg(feature = "ssr")]
mod taken_address_mail;
#[cfg(feature = "ssr")]
pub mod user_tokens;

pub use browser_name::browser_name;
pub use current_user::{CurrentUser, Whoami, whoami};
pub use factor::Factor;
pub use sign_in::{SignIn, sign_in};
pub use sign_out::{SignOut, sign_out};
pub use sign_up::{SignUp, sign_up};
pub use ui::SignInForm;
pub use ui::SignUpForm;
pub use user_session::UserSession;

/// Where to go after signing in: only a path on this site, never another origin.
pub fn safe_next_path(next: Option<&str>) -> String {
    match next.map(str::trim) {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && path.bytes().all(|byte| byte.is_ascii_graphic()) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next_path;

    #[test]
    fn paths_with_spaces_control_or_non_ascii_characters_are_not_followed() {
        assert_eq!(safe_next_path(Some("/a\r\nSet-Cookie: x")), "/");
        assert_eq!(safe_next_path(Some("/caf\u{e9}")), "/");
    }

    #[test]
    fn after_sign_in_only_local_paths_are_followed() {
        assert_eq!(safe_next_path(Some("/accounts/1")), "/accounts/1");
        assert_eq!(safe_next_path(Some("https://evil.example")), "/");
        assert_eq!(safe_next_path(Some("//evil.example")), "/");
        assert_eq!(safe_next_path(Some("/\\evil.example")), "/");
        assert_eq!(safe_next_path(None), "/");
    }
}
