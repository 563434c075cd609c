//! Invitations: an offer to an email address to join an account with some roles, sent by mail,
//! answered from the link or from the banner at the top of every page.

mod answer_invitation;
mod copy_invitation_link;
mod delivery;
mod email_list;
mod invite_options;
mod invite_users;
mod my_invitations;
mod open_invitation;
mod pending_invitations;
mod readdress_invitation;
mod resend_expired_invitations;
mod resend_invitation;
mod revoke_invitation;
mod status;
mod types;
pub mod ui;

pub use answer_invitation::*;
pub use copy_invitation_link::*;
pub use delivery::{DeliveryStatus, MailDelivery};
pub use email_list::{Entry, MAX_ENTRIES, MAX_TEXT_BYTES, parse_email_list};
pub use invite_options::*;
pub use invite_users::*;
pub use my_invitations::*;
pub use open_invitation::*;
pub use pending_invitations::*;
pub use readdress_invitation::*;
pub use resend_expired_invitations::*;
pub use resend_invitation::*;
pub use revoke_invitation::*;
pub use status::InvitationStatus;
pub use types::*;

#[cfg(feature = "ssr")]
mod expiry;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod mail_limits;
#[cfg(feature = "ssr")]
mod proofs;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
pub mod sending;

#[cfg(feature = "ssr")]
pub use expiry::expiry_phrase;

/// The id of the panel that shows a link copied to hand over, where the answer scrolls to.
pub const HANDED_OVER_LINK_ID: &str = "handed-over-link";

/// A link copied to hand over reaches the page that shows it masked in the session row, its
/// pad only in the asking browser's cookie.
#[cfg(feature = "ssr")]
pub(crate) const HANDED_OVER_LINK: crate::access::Handover =
    crate::access::Handover::new("invitation_link", "roster_invitation_link");

/// The id of the outcomes of an invite request on its page, where the answer scrolls to.
pub const INVITE_RESULTS_ID: &str = "invite-results";

/// `return_to` when it is a page of this account, else the account's page: a form post is never
/// sent back anywhere else.
#[cfg(feature = "ssr")]
pub(crate) fn return_path(account_id: &str, return_to: &str) -> String {
    let home = format!("/accounts/{account_id}");
    let inside = return_to
        .strip_prefix(&home)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/') || rest.starts_with('?'));
    if inside && crate::auth::safe_next_path(Some(return_to)) == return_to {
        return_to.to_owned()
    } else {
        home
    }
}
