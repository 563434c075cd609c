use sqlx::{Sqlite, SqlitePool, Transaction};

/// Starts a transaction that holds SQLite's write lock from its first statement, so that a
/// read-check-write sequence cannot interleave with another writer (no lost updates, no
/// "database is locked" upgrade failures half-way through).
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    // Begun in a task of its own: a request whose client hangs up is dropped wherever it waits,
    // and dropped inside `BEGIN` it would leave the writer connection in a transaction nobody
    // owns (every later write then failed, and the lock stayed taken). The task always ends
    // with a `Transaction`, which rolls back when nobody is left to use it.
    let pool = pool.clone();
    tokio::spawn(async move { pool.begin_with("BEGIN IMMEDIATE").await })
        .await
        .map_err(|joined| sqlx::Error::Io(std::io::Error::other(joined)))?
}

/// Timestamps are stored as RFC 3339 text in UTC: readable in the database and sortable.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
