use sqlx::{Sqlite, SqlitePool, Transaction};

/// Starts a transaction that holds SQLite's write lock from its first statement, so that a
/// read-check-write sequence cannot interleave with another writer (no lost updates, no
/// "database is locked" upgrade failures half-way through).
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Timestamps are stored as RFC 3339 text in UTC: readable in the database and sortable.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
