//! Opens Roster's database (an SQLite file, or PostgreSQL when the URL says `postgres://`) the
//! way Roster needs it and brings its schema up to date.

use app::db::Pool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// The pools a server works with: `reads` for reads and one-statement writes, `writer` for
/// write transactions (which queue for it rather than for a database lock).
pub struct Databases {
    pub reads: Pool,
    pub writer: Pool,
}

/// Whether a database URL names PostgreSQL (else it is SQLite's).
pub fn is_postgres(database_url: &str) -> bool {
    database_url.starts_with("postgres://") || database_url.starts_with("postgresql://")
}

/// Opens the database at `database_url`, brings its schema to this binary's, and returns its
/// pools. On PostgreSQL, `connections` bounds each pool; on SQLite, reads get
/// `connections` and writes the one connection SQLite lets write at a time.
pub async fn open(
    database_url: &str,
    connections: u32,
) -> Result<Databases, Box<dyn std::error::Error + Send + Sync>> {
    if is_postgres(database_url) {
        let reads = connect_postgres(database_url, connections).await?;
        migrate_postgres(&reads).await?;
        let writer = connect_postgres(database_url, connections).await?;
        return Ok(Databases {
            reads: Pool::Postgres(reads),
            writer: Pool::Postgres(writer),
        });
    }
    let reads = open_sqlite(database_url, connections).await?;
    migrate(&reads).await?;
    refresh_statistics(&reads).await?;
    let writer = connect_writer(database_url).await?;
    Ok(Databases {
        reads: Pool::Sqlite(reads),
        writer: Pool::Sqlite(writer),
    })
}

/// A pool of PostgreSQL connections; each is told its time zone is UTC, so that nothing the
/// database formats depends on the server's.
pub async fn connect_postgres(database_url: &str, connections: u32) -> Result<PgPool, sqlx::Error> {
    let options = PgConnectOptions::from_str(database_url)?
        .application_name("roster")
        .options([("timezone", "UTC")]);
    PgPoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
}

/// How long a request waits for a free connection before it fails.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// Rows `ANALYZE` samples per index: enough for good plans, quick on a million rows.
const ANALYSIS_LIMIT: u32 = 400;

/// How long a writer waits for another writer's lock before giving up with "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// WAL lets readers run while one writer writes; `synchronous = NORMAL` is durable in WAL mode
/// except for the last transactions before a power loss; foreign keys are off in SQLite unless
/// asked for on every connection. Query plans need statistics: each connection refreshes them
/// when it closes (`PRAGMA optimize`), and [`refresh_statistics`] gathers them at start.
pub async fn connect(database_url: &str) -> Result<SqlitePool, sqlx::Error> {
    open_sqlite(database_url, 8).await
}

/// The pool of one connection that write transactions queue for (see `AppState::writer`).
pub async fn connect_writer(database_url: &str) -> Result<SqlitePool, sqlx::Error> {
    open_sqlite(database_url, 1).await
}

async fn open_sqlite(database_url: &str, connections: u32) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(database_url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true)
        .analysis_limit(ANALYSIS_LIMIT)
        .optimize_on_close(true, ANALYSIS_LIMIT);
    create_parent_folder(&options)?;
    SqlitePoolOptions::new()
        .max_connections(connections)
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

/// The migrations embedded in the binary at build time.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");

/// Applies the migrations embedded in the binary at build time.
pub async fn migrate(pool: &SqlitePool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}

/// The PostgreSQL migrations, embedded the same way.
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// Brings a PostgreSQL database to this binary's schema.
pub async fn migrate_postgres(pool: &sqlx::PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    POSTGRES_MIGRATOR.run(pool).await
}

/// How many of the binary's migrations the database lacks (0: its schema is this binary's).
/// A database that does not answer within two seconds is an error.
pub async fn pending_migrations(pool: &Pool) -> Result<usize, sqlx::Error> {
    let applied = app::db::query_scalar::<i64>(
        "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
    )
    .fetch_all(pool);
    let applied = tokio::time::timeout(Duration::from_secs(2), applied)
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)??;
    let migrator = match pool {
        Pool::Sqlite(_) => &MIGRATOR,
        Pool::Postgres(_) => &POSTGRES_MIGRATOR,
    };
    Ok(migrator
        .iter()
        .filter(|migration| applied.binary_search(&migration.version).is_err())
        .count())
}

/// Gathers the statistics the query planner uses, for every table that lacks them or whose size
/// changed much since (`0x10002`: all tables, not only those this connection used). Without
/// them, plans depend on the SQLite build (one scans an account where another uses an index).
pub async fn refresh_statistics(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA optimize=0x10002").execute(pool).await?;
    Ok(())
}
