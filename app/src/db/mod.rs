//! The one way Roster talks to its database, whichever of the two it runs on.
//!
//! Every query is one text that both SQLite and PostgreSQL accept (`$1` placeholders, standard
//! SQL, and the few helpers the PostgreSQL schema defines so that SQLite's spelling works
//! there too); where the two must differ, [`Dialect::pick`] holds both texts side by side.
//! The builders here mirror `sqlx::query*`: they keep the arguments, and at execution run the
//! same text through the driver of the connection they are given.

mod handles;
mod query;
mod value;

pub use handles::{Conn, Db, Dialect, Pool, PoolConn, Target, Tx};
pub use query::{Done, Query, QueryAs, QueryScalar, query, query_as, query_scalar};
pub use value::Value;

/// A count as the code uses it: both databases hand counts over as 64-bit integers.
pub fn count(rows: i64) -> u32 {
    u32::try_from(rows.max(0)).unwrap_or(u32::MAX)
}
