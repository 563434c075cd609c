//! `roster copy-database` moves a populated SQLite database into an empty PostgreSQL one, row
//! for row, and refuses a destination that already holds something.

use crate::keys::{admin_in, api, create_key};
use crate::postgres_schema::empty_postgres;
use crate::support::TestServer;
use serde_json::json;
use server::copy_database::copy_database;
use sqlx::PgPool;

#[tokio::test]
async fn copy_database_moves_every_row_and_the_destination_serves_the_same_facts() {
    // The source is an SQLite server's; the run on PostgreSQL has none.
    if crate::support::on_postgres() {
        return;
    }
    let Some(postgres_url) = empty_postgres().await else {
        return;
    };
    let server = TestServer::start().await;
    let (account, owner) = server.account("Acme </title><script>").await;
    let admin = admin_in(&server, &account).await;
    let key = create_key(
        &owner.client,
        &account,
        &["write:invites", "write:roles", "read:users"],
    )
    .await;
    let (status, _) = api(
        &server,
        &key,
        "POST",
        &format!("/accounts/{account}/invitations"),
        Some(json!({"emails": ["eve@example.test", "mallory@example.test"]})),
    )
    .await;
    assert!(status.is_success(), "{status}");
    let (status, _) = api(
        &server,
        &key,
        "POST",
        &format!("/accounts/{account}/roles"),
        Some(json!({"name": "Billing", "description": "Pays", "permissions": ["read:users"]})),
    )
    .await;
    assert!(status.is_success(), "{status}");

    let report = copy_database(&server.database_url, &postgres_url)
        .await
        .expect("the copy succeeds");
    let rows = |table: &str| {
        report
            .tables
            .iter()
            .find(|(name, _)| *name == table)
            .map(|(_, rows)| *rows)
    };
    assert_eq!(rows("users"), Some(2));
    assert_eq!(rows("memberships"), Some(2));
    assert_eq!(rows("invitations"), Some(2));
    assert!(rows("audit_events").unwrap() >= 4);
    assert!(rows("outbox").unwrap() >= 2, "the invitation mails");
    assert_eq!(rows("api_keys"), Some(1));

    let copied = PgPool::connect(&postgres_url).await.unwrap();
    let (name, owner_email, members): (String, String, i64) = sqlx::query_as(
        "SELECT a.name, u.email, a.member_count FROM accounts a
         JOIN account_owners o ON o.account_id = a.id JOIN users u ON u.id = o.user_id
         WHERE a.id = $1",
    )
    .bind(&account)
    .fetch_one(&copied)
    .await
    .unwrap();
    assert_eq!(name, "Acme </title><script>");
    assert_eq!(owner_email, owner.email);
    assert_eq!(members, 2);
    let admin_search: Vec<String> = sqlx::query_scalar(
        "SELECT term FROM member_search WHERE account_id = $1 AND user_id = $2 ORDER BY term",
    )
    .bind(&account)
    .bind(&admin.user_id)
    .fetch_all(&copied)
    .await
    .unwrap();
    assert!(admin_search.contains(&admin.email), "{admin_search:?}");
    let hash_length: i32 =
        sqlx::query_scalar("SELECT octet_length(secret_hash) FROM api_keys LIMIT 1")
            .fetch_one(&copied)
            .await
            .unwrap();
    assert_eq!(hash_length, 32);
    // New audit rows get ids after the copied ones.
    let next_id: i64 = sqlx::query_scalar(
        "INSERT INTO audit_events (account_id, action, target_kind, target_id, target_name, created_at)
         VALUES ($1, 'account.renamed', 'account', $1, 'x', 'now') RETURNING id",
    )
    .bind(&account)
    .fetch_one(&copied)
    .await
    .unwrap();
    assert_eq!(next_id, rows("audit_events").unwrap() + 1);

    // Roster serves the copy: the owner signs in with their password and sees their account,
    // its members and its custom role, as on SQLite.
    let served = TestServer::start_with(|config| config.database_url = postgres_url.clone()).await;
    let client = served.client();
    let signed_in = client
        .call(
            "sign_in",
            &[
                ("email", &owner.email),
                ("password", crate::support::PASSWORD),
            ],
        )
        .await;
    assert!(
        signed_in.status().is_success() || signed_in.status().is_redirection(),
        "{}",
        signed_in.status()
    );
    let page = client.get(&format!("/accounts/{account}")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Acme &lt;/title&gt;&lt;script&gt;"), "{html}");
    assert!(html.contains(&admin.email), "the admin is listed");
    assert!(
        html.contains("eve@example.test"),
        "the pending invitation is listed"
    );
    let roles = client.get(&format!("/accounts/{account}/roles")).await;
    assert!(roles.text().await.unwrap().contains("Billing"));

    // A second copy into the now full database changes nothing.
    let refused = copy_database(&server.database_url, &postgres_url)
        .await
        .expect_err("a full destination is refused");
    assert!(refused.to_string().contains("empty"), "{refused}");
}

#[tokio::test]
async fn copy_database_refuses_a_source_that_is_not_there() {
    let Some(postgres_url) = empty_postgres().await else {
        return;
    };
    let folder = tempfile::tempdir().unwrap();
    let missing = format!("sqlite://{}", folder.path().join("none.db").display());
    let refused = copy_database(&missing, &postgres_url).await.unwrap_err();
    assert!(refused.to_string().contains("--from"), "{refused}");
    assert!(
        !folder.path().join("none.db").exists(),
        "the copy made a source"
    );
}
