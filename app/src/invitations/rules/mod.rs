//! The invitation rules. Each runs inside a transaction that took the write lock first
//! (`BEGIN IMMEDIATE`), so that a check and the write it allows cannot interleave with another
//! writer: one invitation is accepted at most once, and a revoked or superseded token never
//! makes a member.

mod answering;
mod ending;
mod following;
mod inviting;
mod reopening;

pub use answering::{Proof, accept, decline};
pub use ending::{expire_overdue, revoke_all_sent_by_leaver, revoke_sent_by};
pub use following::{Bounce, follow_mail, hand_over_link, record_bounce, remind_due};
pub use inviting::{invitable_roles, invite, readdress, resend, revoke};
pub use reopening::resend_expired;
