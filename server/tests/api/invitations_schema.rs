//! What the database itself guarantees about invitations, whatever the code does.

use crate::support::TestServer;

async fn insert(
    server: &TestServer,
    account: &str,
    email: &str,
    status: &str,
) -> Result<(), sqlx::Error> {
    let resolved = (status != "pending").then_some("2026-11-23T01:00:00Z");
    app::db::query(
        "INSERT INTO invitations (id, account_id, email, token_hash, status, created_at, sent_at, expires_at, resolved_at)
         VALUES ($1, $2, $3, $6, $4, '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z', '2026-11-26T00:00:00Z', $5)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(account)
    .bind(email)
    .bind(status)
    .bind(resolved)
    .bind(uuid::Uuid::new_v4().as_bytes().repeat(2))
    .execute(&server.pool)
    .await
    .map(|_| ())
}

#[tokio::test]
async fn only_one_invitation_per_account_and_email_can_be_pending() {
    let server = TestServer::start().await;
    let (account, _) = server.account("Acme").await;
    let (other, _) = server.account("Other").await;
    insert(&server, &account, "ann@example.test", "pending")
        .await
        .unwrap();
    assert!(
        insert(&server, &account, "ann@example.test", "pending")
            .await
            .is_err()
    );
    // Emails are stored normalised, so a differently cased copy cannot slip past the index.
    assert!(
        insert(&server, &account, "Ann@Example.test", "pending")
            .await
            .is_err()
    );
    insert(&server, &account, "ann@example.test", "revoked")
        .await
        .unwrap();
    insert(&server, &account, "ann@example.test", "expired")
        .await
        .unwrap();
    insert(&server, &other, "ann@example.test", "pending")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_resolved_invitation_records_when_and_a_pending_one_does_not() {
    let server = TestServer::start().await;
    let (account, _) = server.account("Acme").await;
    let inconsistent = app::db::query(
        "INSERT INTO invitations (id, account_id, email, token_hash, status, created_at, sent_at, expires_at)
         VALUES ('x', $1, 'bob@example.test', $2, 'accepted', 'now', 'now', 'later')",
    )
    .bind(&account)
    .bind(uuid::Uuid::new_v4().as_bytes().repeat(2))
    .execute(&server.pool)
    .await;
    assert!(inconsistent.is_err());
}

#[tokio::test]
async fn a_role_an_invitation_carries_cannot_be_deleted_behind_its_back() {
    let server = TestServer::start().await;
    let (account, _) = server.account("Acme").await;
    let role = server.custom_role(&account, "Support", &[]).await;
    server
        .pending_invitation(&account, "cy@example.test", &role)
        .await;
    let direct = app::db::query("DELETE FROM roles WHERE id = $1")
        .bind(&role)
        .execute(&server.pool)
        .await;
    assert!(direct.is_err());
}
