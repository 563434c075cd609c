//! The database itself keeps "exactly one owner per account", whatever the code does.

use crate::support::fresh_database;
use app::accounts::queries::{account_for_member, accounts_of_user, create_account};
use app::auth::queries::{NewUserError, insert_user};
use app::domain::{AccountName, DisplayName, Email};

async fn user(pool: &app::db::Pool, email: &str) -> String {
    let email = Email::parse(email).expect("valid email");
    let name = DisplayName::parse("Someone").expect("valid name");
    match insert_user(
        &mut pool.acquire().await.unwrap(),
        &email,
        &name,
        "not-a-real-hash",
    )
    .await
    {
        Ok(id) => id,
        Err(_) => panic!("user could not be inserted"),
    }
}

async fn add_member(pool: &app::db::Pool, account_id: &str, user_id: &str) {
    app::db::query("INSERT INTO memberships (account_id, user_id, joined_at) VALUES ($1, $2, '2026-01-01T00:00:00Z')")
        .bind(account_id)
        .bind(user_id)
        .execute(pool)
        .await
        .expect("membership inserted");
}

#[tokio::test]
async fn creating_an_account_makes_the_creator_its_only_owner() {
    let (pool, _folder) = fresh_database().await;
    let alice = user(&pool, "alice@example.test").await;
    let name = AccountName::parse("Acme").expect("valid name");
    let account = create_account(&pool, &alice, &name, 100)
        .await
        .expect("created")
        .expect("under the cap");

    let view = account_for_member(&pool, &account, &alice)
        .await
        .expect("query")
        .expect("visible");
    assert_eq!(view.name, "Acme");
    assert_eq!(view.members.len(), 1);
    assert!(view.members[0].is_owner);
    assert_eq!(view.members[0].roles, vec!["Owner", "Base"]);
    let summaries = accounts_of_user(&pool, &alice).await.expect("query");
    assert_eq!(summaries.len(), 1);
    assert!(summaries[0].is_owner);
}

#[tokio::test]
async fn the_database_refuses_a_second_owner() {
    let (pool, _folder) = fresh_database().await;
    let alice = user(&pool, "alice@example.test").await;
    let bob = user(&pool, "bob@example.test").await;
    let account = create_account(&pool, &alice, &AccountName::parse("Acme").unwrap(), 100)
        .await
        .unwrap()
        .unwrap();
    add_member(&pool, &account, &bob).await;

    let second_owner =
        app::db::query("INSERT INTO account_owners (account_id, user_id) VALUES ($1, $2)")
            .bind(&account)
            .bind(&bob)
            .execute(&pool)
            .await;
    assert!(second_owner.is_err(), "a second owner row was accepted");
    let owners: i64 =
        app::db::query_scalar("SELECT count(*) FROM account_owners WHERE account_id = $1")
            .bind(&account)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(owners, 1);
}

#[tokio::test]
async fn the_database_refuses_an_account_without_an_owner() {
    let (pool, _folder) = fresh_database().await;
    let mut tx = pool.begin().await.unwrap();
    app::db::query("INSERT INTO accounts (id, name, created_at) VALUES ('orphan', 'Orphan', '2026-01-01T00:00:00Z')")
        .execute(&mut tx)
        .await
        .unwrap();
    assert!(
        tx.commit().await.is_err(),
        "an account without an owner was committed"
    );
}

#[tokio::test]
async fn the_database_refuses_removing_the_owner_or_handing_ownership_to_a_non_member() {
    let (pool, _folder) = fresh_database().await;
    let alice = user(&pool, "alice@example.test").await;
    let stranger = user(&pool, "stranger@example.test").await;
    let account = create_account(&pool, &alice, &AccountName::parse("Acme").unwrap(), 100)
        .await
        .unwrap()
        .unwrap();

    let removed = app::db::query("DELETE FROM memberships WHERE account_id = $1 AND user_id = $2")
        .bind(&account)
        .bind(&alice)
        .execute(&pool)
        .await;
    assert!(removed.is_err(), "the owner's membership was deleted");

    let handed = app::db::query("UPDATE account_owners SET user_id = $1 WHERE account_id = $2")
        .bind(&stranger)
        .bind(&account)
        .execute(&pool)
        .await;
    assert!(
        handed.is_err(),
        "ownership went to someone who is not a member"
    );

    let deleted_owner = app::db::query("DELETE FROM account_owners WHERE account_id = $1")
        .bind(&account)
        .execute(&pool)
        .await;
    assert!(
        deleted_owner.is_err(),
        "the account was left without an owner"
    );
}

#[tokio::test]
async fn emails_are_unique_whatever_their_case_or_spaces() {
    let (pool, _folder) = fresh_database().await;
    user(&pool, "alice@example.test").await;
    let again = Email::parse("  Alice@Example.TEST ").unwrap();
    let name = DisplayName::parse("Alice again").unwrap();
    let outcome = insert_user(&mut pool.acquire().await.unwrap(), &again, &name, "hash").await;
    assert!(matches!(outcome, Err(NewUserError::EmailTaken)));
}

#[tokio::test]
async fn a_user_sees_only_the_accounts_they_belong_to() {
    let (pool, _folder) = fresh_database().await;
    let alice = user(&pool, "alice@example.test").await;
    let bob = user(&pool, "bob@example.test").await;
    let acme = create_account(&pool, &alice, &AccountName::parse("Acme").unwrap(), 100)
        .await
        .unwrap()
        .unwrap();
    create_account(&pool, &bob, &AccountName::parse("Bobco").unwrap(), 100)
        .await
        .unwrap()
        .unwrap();

    let names: Vec<String> = accounts_of_user(&pool, &alice)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, vec!["Acme"]);
    assert!(
        account_for_member(&pool, &acme, &bob)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn every_connection_uses_wal_foreign_keys_and_a_busy_timeout() {
    let (pool, _folder) = crate::support::fresh_sqlite().await;
    for _ in 0..3 {
        let mut conn = pool.acquire().await.unwrap();
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        let busy_timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(journal, "wal");
        assert_eq!(foreign_keys, 1);
        assert!(busy_timeout >= 1000, "busy timeout {busy_timeout} ms");
    }
}
