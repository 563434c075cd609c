//! The invitation widgets: the invite form, its results, the pending list, the banner and the
//! page behind the link.

mod banner;
mod invite_form;
mod invite_results;
mod pending_list;

pub use banner::InvitationBanner;
pub use invite_form::InviteForm;
pub use invite_results::{FROM_SEARCH, InviteResults, invited_from_search};
pub use pending_list::{InvitationsSection, PendingActions, RevokeDialog, short_time};
