//! Server-only plumbing shared by every server function: state, transactions, error mapping,
//! password hashing and throttles. It knows no concept (no account, member, role or key):
//! who is asking is `access`'s answer.

mod client_ip;
mod cookies;
mod database;
mod hashing_pool;
pub mod passwords;
mod respond;
pub mod security_headers;
mod sign_in_throttle;
mod sign_up_throttle;
mod state;

pub use client_ip::{ClientIp, client_ip};
pub use cookies::cookie_value;
pub use database::{begin_write, now_rfc3339, rfc3339};
pub use hashing_pool::{HashingPool, HashingStats};
pub use respond::{internal, respond, set_status_for};
pub use sign_in_throttle::{RetryAfter, SignInThrottle};
pub use sign_up_throttle::SignUpThrottle;
pub use state::{AppState, AuthSettings, InvitationSettings, WebhookSettings};
