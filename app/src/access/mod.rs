//! Every way in ends here, in one [`Caller`]: who is asking, for which account, holding what,
//! and through which door.
//!
//! ```text
//!  page / form ──► session_door ──► account_door ──┐
//!                                                  ├──► Caller ──► one rule ──► one transaction
//!  JSON API ─────► key_door (a key, its maker) ────┘        (Caller::begin_write checks again)
//! ```
//!
//! A door reads the caller's rights (`queries`), refuses what they may not do, and builds the
//! `Caller`; the write re-checks it inside its transaction. Adding a door (an OpenID token, an
//! SSO session, a SCIM token) is one more file here that ends in `Caller::let_in`.

mod account_door;
mod caller;
mod delegation;
mod handover;
mod key_door;
mod page_reads;
pub mod queries;
mod session_door;

pub use account_door::{authorize, authorize_any};
pub use caller::{Actor, Caller, NotHeld};
pub use delegation::{Suspension, suspension};
pub use handover::{HandedOver, Handover};
pub use key_door::{calling_key, key_caller, key_rights_now};
pub use page_reads::PageReads;
pub use queries::{LiveKey, MemberRights};
pub use session_door::{
    SessionKeys, current_session_row, end_session_row, require_user, session, signed_in_user,
    signed_in_user_with, start_session,
};
