//! The signed-in user's own page: their name, their password, and where they are signed in.

mod change_display_name;
mod change_password;
mod delete_my_user;
mod end_sessions;
mod my_profile;

#[cfg(feature = "ssr")]
pub mod current_password;
#[cfg(feature = "ssr")]
pub mod queries;

pub use change_display_name::{ChangeDisplayName, change_display_name};
pub use change_password::{ChangePassword, change_password};
pub use delete_my_user::{DeleteMyUser, delete_my_user, owner_cannot_leave};
pub use end_sessions::{EndOtherSessions, EndSession, end_other_sessions, end_session};
pub use my_profile::{MyProfile, ProfileView, my_profile};
