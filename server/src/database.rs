//! Opens the SQLite database the way Roster needs it and brings its schema up to date.

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// How long a writer waits for another writer's lock before giving up with "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// WAL lets readers run while one writer writes; `synchronous = NORMAL` is durable in WAL mode
/// except for the last transactions before a power loss; foreign keys are off in SQLite unless
/// asked for on every connection.
pub async fn connect(database_url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(database_url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true);
    create_parent_folder(&options)?;
    SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
}

fn create_parent_folder(options: &SqliteConnectOptions) -> Result<(), sqlx::Error> {
    let filename = options.get_filename();
    if let Some(parent) = filename
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)?;
    }
    Ok(())
}

/// Applies the migrations embedded in the binary at build time.
pub async fn migrate(pool: &SqlitePool) -> Result<(), sqlx::migrate::MigrateError> {
    sqlx::migrate!("../migrations").run(pool).await
}
