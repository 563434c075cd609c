//! Values parsed at the edge: once one of these exists, the rest of the code trusts it.

mod account_name;
mod confirmation;
mod display_name;
mod email;
mod name_text;
mod notice;
mod password;

pub use account_name::AccountName;
pub use confirmation::Confirmation;
pub use display_name::DisplayName;
pub use email::Email;
pub use name_text::parse_name;
pub use notice::Notice;
pub use password::Password;
