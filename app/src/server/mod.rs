//! Server-only plumbing shared by every server function: state, transactions, error mapping,
//! and the gate that says who is asking.

mod authorize;
mod client_ip;
mod database;
mod gate;
mod page_reads;
mod respond;
pub mod security_headers;
mod state;

pub use authorize::{Actor, Caller, NotHeld, authorize, authorize_any};
pub use client_ip::{ClientIp, client_ip};
pub use database::{begin_write, now_rfc3339, rfc3339};
pub use gate::{
    SessionKeys, current_session_row, end_session_row, require_user, session, signed_in_user,
    start_session,
};
pub use page_reads::PageReads;
pub use respond::{internal, respond, set_status_for};
pub use state::{AppState, AuthSettings, InvitationSettings, WebhookSettings};
