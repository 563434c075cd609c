//! Statements built once and run on whichever database the handle they are given talks to.

use super::{Conn, Pool, Target, Value};
use sqlx::FromRow;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use std::marker::PhantomData;

/// Runs `$body` with `$exec` bound to the target's own executor and `DB` to its database type.
macro_rules! on_target {
    ($target:expr, |$exec:ident| $body:expr) => {
        match $target {
            Target::Conn(Conn::Sqlite($exec)) => {
                type DB = sqlx::Sqlite;
                $body
            }
            Target::Conn(Conn::Postgres($exec)) => {
                type DB = sqlx::Postgres;
                $body
            }
            Target::Pool(Pool::Sqlite($exec)) => {
                type DB = sqlx::Sqlite;
                $body
            }
            Target::Pool(Pool::Postgres($exec)) => {
                type DB = sqlx::Postgres;
                $body
            }
        }
    };
}

/// Binds the kept arguments, in order, to a driver's statement.
macro_rules! bind_all {
    ($statement:expr, $args:expr) => {{
        let mut statement = $statement;
        for arg in $args {
            statement = match arg {
                Value::Text(text) => statement.bind(text),
                Value::Int(number) => statement.bind(number),
                Value::Bool(flag) => statement.bind(flag),
                Value::Bytes(bytes) => statement.bind(bytes),
                Value::NullText => statement.bind(None::<String>),
                Value::NullInt => statement.bind(None::<i64>),
            };
        }
        statement
    }};
}

/// What a statement that returns no rows did.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    rows_affected: u64,
}

impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.rows_affected
    }
}

/// A statement whose rows, if any, are not read.
#[must_use]
pub struct Query<'q> {
    sql: &'q str,
    args: Vec<Value>,
}

pub fn query(sql: &str) -> Query<'_> {
    Query {
        sql,
        args: Vec::new(),
    }
}

impl<'q> Query<'q> {
    pub fn bind(mut self, value: impl Into<Value>) -> Self {
        self.args.push(value.into());
        self
    }

    pub async fn execute<'a>(self, target: impl Into<Target<'a>>) -> Result<Done, sqlx::Error> {
        let (sql, args) = (self.sql, self.args);
        on_target!(target.into(), |exec| {
            let done = bind_all!(sqlx::query::<DB>(sql), args)
                .execute(exec)
                .await?;
            Ok(Done {
                rows_affected: done.rows_affected(),
            })
        })
    }
}

/// A statement whose rows are read as `Row`s.
#[must_use]
pub struct QueryAs<'q, Row> {
    sql: &'q str,
    args: Vec<Value>,
    row: PhantomData<fn() -> Row>,
}

pub fn query_as<Row>(sql: &str) -> QueryAs<'_, Row> {
    QueryAs {
        sql,
        args: Vec::new(),
        row: PhantomData,
    }
}

impl<'q, Row> QueryAs<'q, Row>
where
    Row: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow>,
{
    pub fn bind(mut self, value: impl Into<Value>) -> Self {
        self.args.push(value.into());
        self
    }

    pub async fn fetch_all<'a>(
        self,
        target: impl Into<Target<'a>>,
    ) -> Result<Vec<Row>, sqlx::Error> {
        let (sql, args) = (self.sql, self.args);
        on_target!(target.into(), |exec| {
            bind_all!(sqlx::query_as::<DB, Row>(sql), args)
                .fetch_all(exec)
                .await
        })
    }

    pub async fn fetch_one<'a>(self, target: impl Into<Target<'a>>) -> Result<Row, sqlx::Error> {
        let (sql, args) = (self.sql, self.args);
        on_target!(target.into(), |exec| {
            bind_all!(sqlx::query_as::<DB, Row>(sql), args)
                .fetch_one(exec)
                .await
        })
    }

    pub async fn fetch_optional<'a>(
        self,
        target: impl Into<Target<'a>>,
    ) -> Result<Option<Row>, sqlx::Error> {
        let (sql, args) = (self.sql, self.args);
        on_target!(target.into(), |exec| {
            bind_all!(sqlx::query_as::<DB, Row>(sql), args)
                .fetch_optional(exec)
                .await
        })
    }
}

/// A statement whose first column is read as an `Out`.
#[must_use]
pub struct QueryScalar<'q, Out> {
    sql: &'q str,
    args: Vec<Value>,
    out: PhantomData<fn() -> Out>,
}

pub fn query_scalar<Out>(sql: &str) -> QueryScalar<'_, Out> {
    QueryScalar {
        sql,
        args: Vec::new(),
        out: PhantomData,
    }
}

impl<'q, Out> QueryScalar<'q, Out>
where
    Out: Send + Unpin,
    (Out,): for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow>,
{
    pub fn bind(mut self, value: impl Into<Value>) -> Self {
        self.args.push(value.into());
        self
    }

    pub async fn fetch_all<'a>(
        self,
        target: impl Into<Target<'a>>,
    ) -> Result<Vec<Out>, sqlx::Error> {
        let (sql, args) = (self.sql, self.args);
        on_target!(target.into(), |exec| {
            bind_all!(sqlx::query_scalar::<DB, Out>(sql), args)
                .fetch_all(exec)
                .await
        })
    }

    pub async fn fetch_one<'a>(self, target: impl Into<Target<'a>>) -> Result<Out, sqlx::Error> {
        let (sql, args) = (self.sql, self.args);
        on_target!(target.into(), |exec| {
            bind_all!(sqlx::query_scalar::<DB, Out>(sql), args)
                .fetch_one(exec)
                .await
        })
    }

    pub async fn fetch_optional<'a>(
        self,
        target: impl Into<Target<'a>>,
    ) -> Result<Option<Out>, sqlx::Error> {
        let (sql, args) = (self.sql, self.args);
        on_target!(target.into(), |exec| {
            bind_all!(sqlx::query_scalar::<DB, Out>(sql), args)
                .fetch_optional(exec)
                .await
        })
    }
}
