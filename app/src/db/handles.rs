//! Pools, transactions and connections of either database, as one type each.

use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

/// Which database a handle talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The text of a statement the two databases spell differently.
    pub fn pick(self, sqlite: &'static str, postgres: &'static str) -> &'static str {
        match self {
            Self::Sqlite => sqlite,
            Self::Postgres => postgres,
        }
    }
}

/// The key of the advisory lock every write transaction on PostgreSQL takes first: writers take
/// turns, on every server sharing the database, as they do on SQLite's one write lock.
const WRITE_LOCK: i64 = 0x526f_7374_6572;

#[derive(Debug, Clone)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Pool {
    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }

    pub fn as_sqlite(&self) -> Option<&SqlitePool> {
        match self {
            Self::Sqlite(pool) => Some(pool),
            Self::Postgres(_) => None,
        }
    }

    pub fn as_postgres(&self) -> Option<&PgPool> {
        match self {
            Self::Sqlite(_) => None,
            Self::Postgres(pool) => Some(pool),
        }
    }

    /// How many connections are open, and how many of them idle.
    pub fn usage(&self) -> (u32, usize) {
        match self {
            Self::Sqlite(pool) => (pool.size(), pool.num_idle()),
            Self::Postgres(pool) => (pool.size(), pool.num_idle()),
        }
    }

    pub async fn acquire(&self) -> Result<PoolConn, sqlx::Error> {
        Ok(match self {
            Self::Sqlite(pool) => PoolConn::Sqlite(pool.acquire().await?),
            Self::Postgres(pool) => PoolConn::Postgres(pool.acquire().await?),
        })
    }

    /// A transaction for reads that must agree with each other.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Self::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Self::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A transaction that holds the write lock from its first statement, so that a
    /// read-check-write sequence cannot interleave with another writer: `BEGIN IMMEDIATE` on
    /// SQLite, a transaction-scoped advisory lock on PostgreSQL (held until commit or rollback,
    /// on every server that shares the database).
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        // Begun in a task of its own: a request whose client hangs up is dropped wherever it
        // waits, and dropped inside `BEGIN` it would leave the connection in a transaction
        // nobody owns (every later write then failed, and the lock stayed taken). The task
        // always ends with a `Tx`, which rolls back when nobody is left to use it.
        let pool = self.clone();
        tokio::spawn(async move {
            match pool {
                Self::Sqlite(pool) => Ok(Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?)),
                Self::Postgres(pool) => {
                    let mut tx = pool.begin().await?;
                    sqlx::query("SELECT pg_advisory_xact_lock($1)")
                        .bind(WRITE_LOCK)
                        .execute(&mut *tx)
                        .await?;
                    Ok(Tx::Postgres(tx))
                }
            }
        })
        .await
        .map_err(|joined| sqlx::Error::Io(std::io::Error::other(joined)))?
    }

    pub async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

/// A connection borrowed from either database: what every query runs on.
pub enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

/// Anything a query can run on that is one connection: a transaction, a pooled connection, a
/// borrowed one. Queries take `&mut dyn Db` so that a rule can hand its transaction on.
pub trait Db: Send {
    fn conn(&mut self) -> Conn<'_>;

    fn dialect(&mut self) -> Dialect {
        match self.conn() {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Postgres(_) => Dialect::Postgres,
        }
    }
}

impl Db for Conn<'_> {
    fn conn(&mut self) -> Conn<'_> {
        match self {
            Self::Sqlite(conn) => Conn::Sqlite(conn),
            Self::Postgres(conn) => Conn::Postgres(conn),
        }
    }
}

/// A transaction on either database; it rolls back when dropped uncommitted.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(tx) => tx.commit().await,
            Self::Postgres(tx) => tx.commit().await,
        }
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(tx) => tx.rollback().await,
            Self::Postgres(tx) => tx.rollback().await,
        }
    }
}

impl Db for Tx {
    fn conn(&mut self) -> Conn<'_> {
        match self {
            Self::Sqlite(tx) => Conn::Sqlite(tx),
            Self::Postgres(tx) => Conn::Postgres(tx),
        }
    }
}

/// A connection taken from a pool, returned to it when dropped.
pub enum PoolConn {
    Sqlite(sqlx::pool::PoolConnection<Sqlite>),
    Postgres(sqlx::pool::PoolConnection<Postgres>),
}

impl Db for PoolConn {
    fn conn(&mut self) -> Conn<'_> {
        match self {
            Self::Sqlite(conn) => Conn::Sqlite(conn),
            Self::Postgres(conn) => Conn::Postgres(conn),
        }
    }
}

/// Where one statement runs: on a connection, or on any connection of a pool.
pub enum Target<'a> {
    Conn(Conn<'a>),
    Pool(&'a Pool),
}

impl<'a, D: Db + ?Sized> From<&'a mut D> for Target<'a> {
    fn from(db: &'a mut D) -> Self {
        Self::Conn(db.conn())
    }
}

impl<'a> From<&'a Pool> for Target<'a> {
    fn from(pool: &'a Pool) -> Self {
        Self::Pool(pool)
    }
}

impl Target<'_> {
    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Conn(Conn::Sqlite(_)) => Dialect::Sqlite,
            Self::Conn(Conn::Postgres(_)) => Dialect::Postgres,
            Self::Pool(pool) => pool.dialect(),
        }
    }
}
