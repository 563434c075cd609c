//! The invitation widgets: the invite form, its results, the pending list, the banner and the
//! page behind the link.

mod banner;
mod delivery_line;
mod expired_list;
mod handed_over;
mod invite_form;
mod invite_results;
mod pending_list;
mod readdress_dialog;

pub use banner::InvitationBanner;
pub use delivery_line::DeliveryLine;
pub use expired_list::{ExpiredInvitations, ResendExpiredDialog};
pub use handed_over::HandedOverPanel;
pub use invite_form::InviteForm;
pub use invite_results::{FROM_SEARCH, InviteResults, invited_from_search};
pub use pending_list::{InvitationsSection, Listed, PendingActions, RevokeDialog, short_time};
pub use readdress_dialog::ReaddressDialog;
