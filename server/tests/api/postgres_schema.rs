//! The PostgreSQL schema states Roster's invariants as the SQLite one does, tried against a
//! real PostgreSQL (the test script starts one with scripts/postgres.sh and names it in
//! ROSTER_TEST_POSTGRES_URL).

pub use crate::support::empty_postgres;
use crate::support::fresh_sqlite;
use sqlx::{PgPool, Row};
use std::collections::BTreeMap;

/// A fresh database of its own on the test PostgreSQL, migrated.
pub async fn fresh_postgres() -> Option<PgPool> {
    let url = empty_postgres().await?;
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(4)
        .connect(&url)
        .await
        .expect("the new database opens");
    server::database::migrate_postgres(&pool)
        .await
        .expect("the PostgreSQL migrations apply");
    Some(pool)
}

async fn add_user(pool: &PgPool, id: &str, name: &str) {
    sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, created_at)
         VALUES ($1, $2, $3, 'hash', '2026-12-04T00:00:00.000Z')",
    )
    .bind(id)
    .bind(format!("{id}@example.test"))
    .bind(name)
    .execute(pool)
    .await
    .unwrap();
}

/// An account `account` owned by the user `owner`, in one transaction as Roster makes it.
async fn add_account(pool: &PgPool, account: &str, owner: &str) {
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("INSERT INTO accounts (id, name, created_at) VALUES ($1, 'Acme', 'now')")
        .bind(account)
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("INSERT INTO memberships (account_id, user_id, joined_at) VALUES ($1, $2, 'now')")
        .bind(account)
        .bind(owner)
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("INSERT INTO account_owners (account_id, user_id) VALUES ($1, $2)")
        .bind(account)
        .bind(owner)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn join(pool: &PgPool, account: &str, user: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO memberships (account_id, user_id, joined_at) VALUES ($1, $2, 'now')")
        .bind(account)
        .bind(user)
        .execute(pool)
        .await
        .map(drop)
}

#[tokio::test]
async fn on_postgres_an_account_has_exactly_one_owner_who_is_a_member() {
    let Some(pool) = fresh_postgres().await else {
        return;
    };
    add_user(&pool, "ada", "Ada Lovelace").await;
    add_user(&pool, "bob", "Bob").await;

    // An account without an owner cannot be committed.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("INSERT INTO accounts (id, name, created_at) VALUES ('lonely', 'Lonely', 'now')")
        .execute(&mut *tx)
        .await
        .unwrap();
    assert!(tx.commit().await.is_err(), "an ownerless account committed");

    add_account(&pool, "acme", "ada").await;
    // Nobody but a member can own it, and no second owner row can exist.
    let outsider =
        sqlx::query("UPDATE account_owners SET user_id = 'bob' WHERE account_id = 'acme'")
            .execute(&pool)
            .await;
    assert!(outsider.is_err(), "a non-member became the owner");
    join(&pool, "acme", "bob").await.unwrap();
    let second =
        sqlx::query("INSERT INTO account_owners (account_id, user_id) VALUES ('acme', 'bob')")
            .execute(&pool)
            .await;
    assert!(second.is_err(), "a second owner row was written");
    // The owner's membership cannot go while they own the account.
    let removal =
        sqlx::query("DELETE FROM memberships WHERE account_id = 'acme' AND user_id = 'ada'")
            .execute(&pool)
            .await;
    assert!(removal.is_err(), "the owner was removed");
    // A transfer is an update of the one owner row.
    sqlx::query("UPDATE account_owners SET user_id = 'bob' WHERE account_id = 'acme'")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM memberships WHERE account_id = 'acme' AND user_id = 'ada'")
        .execute(&pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn on_postgres_memberships_pending_invitations_and_role_names_are_unique() {
    let Some(pool) = fresh_postgres().await else {
        return;
    };
    add_user(&pool, "ada", "Ada").await;
    add_account(&pool, "acme", "ada").await;
    assert!(
        join(&pool, "acme", "ada").await.is_err(),
        "a second membership"
    );

    let invite = |id: &'static str, hash: u8| {
        sqlx::query(
            "INSERT INTO invitations (id, account_id, email, token_hash, created_at, sent_at, expires_at)
             VALUES ($1, 'acme', 'eve@example.test', $2, 'now', 'now', 'later')",
        )
        .bind(id)
        .bind(vec![hash; 32])
    };
    invite("first", 1).execute(&pool).await.unwrap();
    assert!(
        invite("second", 2).execute(&pool).await.is_err(),
        "two pending invitations of one address"
    );
    sqlx::query(
        "UPDATE invitations SET status = 'revoked', resolved_at = 'now' WHERE id = 'first'",
    )
    .execute(&pool)
    .await
    .unwrap();
    invite("second", 2).execute(&pool).await.unwrap();
    let unnormalised = sqlx::query(
        "INSERT INTO invitations (id, account_id, email, token_hash, created_at, sent_at, expires_at)
         VALUES ('third', 'acme', ' Eve@Example.test', $1, 'now', 'now', 'later')",
    )
    .bind(vec![3u8; 32])
    .execute(&pool)
    .await;
    assert!(unnormalised.is_err(), "an address that was not normalised");

    let role = |id: &'static str, name: &'static str| {
        sqlx::query(
            "INSERT INTO roles (id, account_id, name, created_at) VALUES ($1, 'acme', $2, 'now')",
        )
        .bind(id)
        .bind(name)
    };
    role("r1", "Billing").execute(&pool).await.unwrap();
    assert!(
        role("r2", "BILLING").execute(&pool).await.is_err(),
        "two roles named alike but for case"
    );
}

#[tokio::test]
async fn on_postgres_triggers_keep_the_search_terms_sort_key_and_member_count() {
    let Some(pool) = fresh_postgres().await else {
        return;
    };
    add_user(&pool, "ada", "Ada Lovelace").await;
    add_account(&pool, "acme", "ada").await;
    let terms = |pool: PgPool| async move {
        sqlx::query_scalar::<_, String>(
            "SELECT term FROM member_search WHERE account_id = 'acme' ORDER BY term",
        )
        .fetch_all(&pool)
        .await
        .unwrap()
    };
    assert_eq!(
        terms(pool.clone()).await,
        ["ada lovelace", "ada@example.test", "lovelace"]
    );
    let row = sqlx::query(
        "SELECT m.sort_key, a.member_count FROM memberships m JOIN accounts a ON a.id = m.account_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        row.get::<String, _>(0),
        "ada lovelace\u{1f}ada@example.test"
    );
    assert_eq!(row.get::<i64, _>(1), 1);

    sqlx::query("UPDATE users SET display_name = 'Augusta King' WHERE id = 'ada'")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        terms(pool.clone()).await,
        ["ada@example.test", "augusta king", "king"]
    );
    add_user(&pool, "bob", "Bob").await;
    join(&pool, "acme", "bob").await.unwrap();
    sqlx::query("DELETE FROM memberships WHERE user_id = 'bob'")
        .execute(&pool)
        .await
        .unwrap();
    let count: i64 = sqlx::query_scalar("SELECT member_count FROM accounts WHERE id = 'acme'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn on_postgres_one_statement_joining_or_leaving_many_counts_and_indexes_each_member() {
    let Some(pool) = fresh_postgres().await else {
        return;
    };
    for (user, name) in [
        ("ada", "Ada"),
        ("bob", "Bob Stone"),
        ("cy", "Cy"),
        ("di", "Di"),
    ] {
        add_user(&pool, user, name).await;
    }
    add_account(&pool, "acme", "ada").await;
    add_account(&pool, "initech", "bob").await;
    // Three members into two accounts in one statement, then two of them out in one.
    sqlx::query(
        "INSERT INTO memberships (account_id, user_id, joined_at) VALUES
         ('acme', 'bob', 'now'), ('acme', 'cy', 'now'), ('initech', 'di', 'now')",
    )
    .execute(&pool)
    .await
    .unwrap();
    let counts = |pool: PgPool| async move {
        sqlx::query_as::<_, (String, i64, i64)>(
            "SELECT a.id, a.member_count,
                    (SELECT count(DISTINCT user_id) FROM member_search s WHERE s.account_id = a.id)
             FROM accounts a ORDER BY a.id",
        )
        .fetch_all(&pool)
        .await
        .unwrap()
    };
    assert_eq!(
        counts(pool.clone()).await,
        [("acme".into(), 3, 3), ("initech".into(), 2, 2)]
    );
    let stone: Vec<String> =
        sqlx::query_scalar("SELECT account_id FROM member_search WHERE term = 'stone' ORDER BY 1")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(stone, ["acme", "initech"]);
    sqlx::query("DELETE FROM memberships WHERE user_id IN ('cy', 'di')")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        counts(pool.clone()).await,
        [("acme".into(), 2, 2), ("initech".into(), 1, 1)]
    );
}

/// Every table and column, by name, of each database.
type Shape = BTreeMap<String, Vec<String>>;

#[tokio::test]
async fn the_postgres_schema_has_every_table_and_column_of_the_sqlite_one() {
    let Some(postgres) = fresh_postgres().await else {
        return;
    };
    let (sqlite, _folder) = fresh_sqlite().await;
    let mut sqlite_shape = Shape::new();
    let columns: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\'",
    )
    .fetch_all(&sqlite)
    .await
    .unwrap();
    for (table, column) in columns {
        sqlite_shape.entry(table).or_default().push(column);
    }
    let mut postgres_shape = Shape::new();
    let columns: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(&postgres)
    .await
    .unwrap();
    for (table, column) in columns {
        postgres_shape.entry(table).or_default().push(column);
    }
    for shape in [&mut sqlite_shape, &mut postgres_shape] {
        shape.values_mut().for_each(|columns| columns.sort());
    }
    assert_eq!(sqlite_shape, postgres_shape);
}
