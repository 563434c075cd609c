//! The invitation rules. Each runs inside a transaction that took the write lock first
//! (`BEGIN IMMEDIATE`), so that a check and the write it allows cannot interleave with another
//! writer: one invitation is accepted at most once, and a revoked or superseded token never
//! makes a member.

mod answering;
mod ending;
mod inviting;

pub use answering::{Proof, accept, decline};
pub use ending::expire_overdue;
pub use inviting::{invitable_roles, invite, resend, revoke};
