//! `roster copy-database --from sqlite://… --to postgres://…`: moves everything Roster holds
//! from its SQLite file into an empty PostgreSQL database, in one transaction, and checks that
//! every table holds as many rows on both sides before it commits.

use futures_util::TryStreamExt;
use sqlx::postgres::{PgPoolOptions, Postgres};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{PgPool, QueryBuilder, Row, SqlitePool};
use std::str::FromStr;

/// Every table that is moved, parents before children (an account's owner row is checked at
/// commit, so accounts may come before it).
const TABLES: [&str; 17] = [
    "users",
    "accounts",
    "memberships",
    "account_owners",
    "roles",
    "role_permissions",
    "member_roles",
    "api_keys",
    "api_key_permissions",
    "audit_events",
    "invitations",
    "invitation_roles",
    "outbox",
    "user_tokens",
    "api_replays",
    "webhook_endpoints",
    "webhook_deliveries",
];

/// Columns the destination's triggers write as the rows arrive; copying them would count twice.
/// (So is the whole member search index, which is compared, not copied.)
const DERIVED: [(&str, &str); 2] = [("memberships", "sort_key"), ("accounts", "member_count")];

/// Tables whose ids the database gives: their sequences move past the copied ids.
const IDENTITIES: [&str; 3] = ["audit_events", "outbox", "webhook_deliveries"];

/// Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table.
const BATCH: usize = 500;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("{0}")]
    Refused(String),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// What was moved: each table and its rows.
#[derive(Debug)]
pub struct CopyReport {
    pub tables: Vec<(&'static str, i64)>,
}

pub async fn copy_database(from: &str, to: &str) -> Result<CopyReport, CopyError> {
    if !from.starts_with("sqlite:") || !to.starts_with("postgres") {
        return Err(CopyError::Refused(
            "copy from an SQLite URL (--from sqlite://…) to a PostgreSQL one (--to postgres://…)"
                .into(),
        ));
    }
    let source = SqlitePool::connect_with(SqliteConnectOptions::from_str(from)?.read_only(true))
        .await
        .map_err(|error| CopyError::Refused(format!("--from {from}: {error}")))?;
    let pending =
        crate::database::pending_migrations(&app::db::Pool::Sqlite(source.clone())).await?;
    if pending > 0 {
        return Err(CopyError::Refused(format!(
            "the SQLite database lacks {pending} migrations: run this Roster on it once first"
        )));
    }
    let destination = PgPoolOptions::new().max_connections(2).connect(to).await?;
    crate::database::migrate_postgres(&destination).await?;
    let held: i64 =
        sqlx::query_scalar("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM accounts)")
            .fetch_one(&destination)
            .await?;
    if held > 0 {
        return Err(CopyError::Refused(
            "the PostgreSQL database already holds users or accounts: copy into an empty one"
                .into(),
        ));
    }

    let mut tx = destination.begin().await?;
    let mut report = CopyReport { tables: Vec::new() };
    for table in TABLES {
        let columns = destination_columns(&destination, table).await?;
        let copied = copy_table(&source, &mut tx, table, &columns).await?;
        let expected: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&source)
            .await?;
        let landed: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&mut *tx)
            .await?;
        if copied != expected || landed != expected {
            return Err(CopyError::Refused(format!(
                "{table}: {expected} rows in SQLite, {landed} in PostgreSQL; nothing was written"
            )));
        }
        report.tables.push((table, landed));
    }
    for table in IDENTITIES {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
        ))
        .execute(&mut *tx)
        .await?;
    }
    verify_derived(&source, &mut tx).await?;
    tx.commit().await?;
    Ok(report)
}

/// The destination's columns of `table` that are copied, with their PostgreSQL types.
async fn destination_columns(
    destination: &PgPool,
    table: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let columns: Vec<(String, String)> = sqlx::query_as(
        "SELECT column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(destination)
    .await?;
    Ok(columns
        .into_iter()
        .filter(|(column, _)| !DERIVED.contains(&(table, column.as_str())))
        .collect())
}

/// One value, read from SQLite as the PostgreSQL column's type wants it.
enum Value {
    Text(Option<String>),
    Integer(Option<i64>),
    Bytes(Option<Vec<u8>>),
}

async fn copy_table(
    source: &SqlitePool,
    tx: &mut sqlx::Transaction<'static, Postgres>,
    table: &str,
    columns: &[(String, String)],
) -> Result<i64, CopyError> {
    let names: Vec<&str> = columns.iter().map(|(name, _)| name.as_str()).collect();
    let list = names.join(", ");
    // Rows that point at earlier rows of their own table (a redelivery) come after them.
    let order = if IDENTITIES.contains(&table) {
        " ORDER BY id"
    } else {
        ""
    };
    // Read a batch at a time: a table is never held in memory whole.
    let select = format!("SELECT {list} FROM {table}{order}");
    let mut rows = sqlx::query(&select).fetch(source);
    let mut copied = 0i64;
    loop {
        let mut batch = Vec::with_capacity(BATCH);
        while batch.len() < BATCH {
            match rows.try_next().await? {
                Some(row) => batch.push(row),
                None => break,
            }
        }
        if batch.is_empty() {
            break;
        }
        let mut values = Vec::with_capacity(batch.len());
        for row in &batch {
            let mut record = Vec::with_capacity(columns.len());
            for (index, (column, kind)) in columns.iter().enumerate() {
                let value = match kind.as_str() {
                    "bigint" | "integer" => Value::Integer(row.try_get(index)?),
                    "bytea" => Value::Bytes(row.try_get(index)?),
                    "text" => Value::Text(row.try_get(index)?),
                    other => {
                        return Err(CopyError::Refused(format!(
                            "{table}.{column} is of type {other}, which the copy does not know"
                        )));
                    }
                };
                record.push(value);
            }
            values.push(record);
        }
        let mut insert = QueryBuilder::<Postgres>::new(format!("INSERT INTO {table} ({list}) "));
        insert.push_values(values, |mut row, record| {
            for value in record {
                match value {
                    Value::Text(text) => row.push_bind(text),
                    Value::Integer(number) => row.push_bind(number),
                    Value::Bytes(bytes) => row.push_bind(bytes),
                };
            }
        });
        copied += i64::try_from(insert.build().execute(&mut **tx).await?.rows_affected())
            .unwrap_or(i64::MAX);
    }
    Ok(copied)
}

/// What the destination's triggers rebuilt must be what SQLite's triggers had built.
async fn verify_derived(
    source: &SqlitePool,
    tx: &mut sqlx::Transaction<'static, Postgres>,
) -> Result<(), CopyError> {
    const CHECKS: [(&str, &str); 2] = [
        ("member search terms", "SELECT count(*) FROM member_search"),
        (
            "member counts",
            "SELECT CAST(coalesce(sum(member_count), 0) AS BIGINT) FROM accounts",
        ),
    ];
    for (what, sql) in CHECKS {
        let expected: i64 = sqlx::query_scalar(sql).fetch_one(source).await?;
        let rebuilt: i64 = sqlx::query_scalar(sql).fetch_one(&mut **tx).await?;
        if expected != rebuilt {
            return Err(CopyError::Refused(format!(
                "{what}: {expected} in SQLite, {rebuilt} rebuilt in PostgreSQL; nothing was written"
            )));
        }
    }
    Ok(())
}

/// `roster copy-database`'s own flags.
#[derive(clap::Parser)]
#[command(
    name = "roster copy-database",
    about = "Moves everything from Roster's SQLite database into an empty PostgreSQL database, and checks it."
)]
pub struct CopyDatabaseArgs {
    /// The SQLite database to read (it is opened read-only).
    #[arg(long)]
    pub from: String,
    /// The empty PostgreSQL database to fill (its schema is created first). Leave the password
    /// out of it (a command line is visible to every user of the machine): PostgreSQL's own
    /// `PGPASSWORD` or `~/.pgpass` supply it, or give the whole URL as `ROSTER_COPY_TO`.
    #[arg(long, env = "ROSTER_COPY_TO", hide_env_values = true)]
    pub to: String,
}

/// Whether `url`, as typed on the command line, holds a password.
pub fn has_password(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|url| url.password().is_some())
}

#[cfg(test)]
mod tests {
    use super::has_password;

    #[test]
    fn a_password_in_the_url_is_noticed() {
        assert!(has_password("postgres://roster:secret@db.internal/roster"));
        assert!(!has_password("postgres://roster@db.internal/roster"));
        assert!(!has_password("--to"));
    }
}
