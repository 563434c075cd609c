use crate::db::{Pool, Tx};

/// Starts a transaction that holds the write lock from its first statement (see
/// [`Pool::begin_write`]), so that a read-check-write sequence cannot interleave with another
/// writer: no lost updates, and no "database is locked" upgrade failures half-way through.
pub async fn begin_write(pool: &Pool) -> Result<Tx, sqlx::Error> {
    pool.begin_write().await
}

/// Timestamps are stored as RFC 3339 text in UTC: readable in the database and sortable.
pub fn now_rfc3339() -> String {
    rfc3339(chrono::Utc::now())
}

/// A moment as every table stores it: RFC 3339 in UTC, with milliseconds.
pub fn rfc3339(moment: chrono::DateTime<chrono::Utc>) -> String {
    moment.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
