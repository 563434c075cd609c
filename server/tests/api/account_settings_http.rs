//! An account's own settings: renaming it (`write:account`) and deleting it (`delete:account`,
//! the owner's), with the name typed to confirm.

use crate::support::TestServer;
use app::permissions::Permission;
use reqwest::StatusCode;

/// The account's settings as `client`'s user sees them.
async fn settings_of(client: &crate::support::ApiClient, account: &str) -> serde_json::Value {
    client
        .call("account_settings", &[("account_id", account)])
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_owner_renames_the_account_and_the_audit_log_records_both_names() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Typo Co").await;
    let renamed = owner
        .client
        .call(
            "rename_account",
            &[("account_id", &account), ("name", "  Tempo Co ")],
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let settings = settings_of(&owner.client, &account).await;
    assert_eq!(settings["name"], "Tempo Co");
    assert_eq!(settings["may_rename"], true);
    let details: String = app::db::query_scalar(
        "SELECT details FROM audit_events WHERE account_id = $1 AND action = 'account.renamed'",
    )
    .bind(&account)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let details: serde_json::Value = serde_json::from_str(&details).unwrap();
    assert_eq!(details["from"], "Typo Co");
    assert_eq!(details["to"], "Tempo Co");
}

#[tokio::test]
async fn a_blank_or_long_name_is_refused_with_a_field_message_and_nothing_changes() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Kept Co").await;
    for name in ["   ", &"x".repeat(101)] {
        let refused = owner
            .client
            .call(
                "rename_account",
                &[("account_id", &account), ("name", name)],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await.unwrap();
        assert!(body.contains("name"), "{body}");
    }
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM accounts WHERE name = 'Kept Co' AND id = $1",
                &account
            )
            .await,
        1
    );
}

#[tokio::test]
async fn an_admin_may_neither_rename_nor_delete_the_account() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Guarded Co").await;
    let admin = server.person().await;
    server.add_member(&account, &admin).await;
    let admin_role = server.builtin_role_id(&account, "admin").await;
    server.assign(&account, &admin, &admin_role).await;
    let rename = admin
        .client
        .call(
            "rename_account",
            &[("account_id", &account), ("name", "Mine")],
        )
        .await;
    assert_eq!(rename.status(), StatusCode::FORBIDDEN);
    let delete = admin
        .client
        .call(
            "delete_account",
            &[("account_id", &account), ("confirm_name", "Guarded Co")],
        )
        .await;
    assert_eq!(delete.status(), StatusCode::FORBIDDEN);
    let settings = settings_of(&admin.client, &account).await;
    assert_eq!(settings["may_rename"], false);
    assert_eq!(settings["may_delete"], false);
    assert_eq!(
        server
            .count("SELECT count(*) FROM accounts WHERE id = $1", &account)
            .await,
        1
    );
}

#[tokio::test]
async fn deleting_needs_the_account_name_typed_exactly() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Careful Co").await;
    for typed in ["", "careful co", "Careful", "delete"] {
        let refused = owner
            .client
            .call(
                "delete_account",
                &[("account_id", &account), ("confirm_name", typed)],
            )
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{typed:?}"
        );
        let body = refused.text().await.unwrap();
        assert!(body.contains("Careful Co"), "{body}");
    }
    assert_eq!(
        server
            .count("SELECT count(*) FROM accounts WHERE id = $1", &account)
            .await,
        1
    );
}

#[tokio::test]
async fn deleting_an_account_removes_everything_in_it_and_tells_each_former_member() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Doomed Co").await;
    let (other_account, _) = server.account("Unrelated Co").await;
    let member = server.member_with(&account, &[Permission::ReadUsers]).await;
    let admin_role = server.builtin_role_id(&account, "admin").await;
    server
        .pending_invitation(&account, "invitee@example.test", &admin_role)
        .await;
    let invitation_id: String =
        app::db::query_scalar("SELECT id FROM invitations WHERE account_id = $1")
            .bind(&account)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    // An invitation mail not yet delivered goes with its invitation.
    app::db::query(
        "INSERT INTO outbox (invitation_id, recipient, subject, text_body, html_body, created_at, next_attempt_at)
         VALUES ($1, 'invitee@example.test', 's', 't', 'h', '2026-01-01T00:00:00Z', '2999-01-01T00:00:00Z')",
    )
    .bind(&invitation_id)
    .execute(&server.pool)
    .await
    .unwrap();
    let before = settings_of(&owner.client, &account).await;
    assert_eq!(
        (before["members"].as_u64(), before["invitations"].as_u64()),
        (Some(2), Some(1))
    );

    let deleted = owner
        .client
        .call(
            "delete_account",
            &[("account_id", &account), ("confirm_name", " Doomed Co ")],
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);

    for table in [
        "accounts WHERE id",
        "memberships WHERE account_id",
        "account_owners WHERE account_id",
        "roles WHERE account_id",
        "member_roles WHERE account_id",
        "invitations WHERE account_id",
        "audit_events WHERE account_id",
        "member_search WHERE account_id",
    ] {
        let left = server
            .count(&format!("SELECT count(*) FROM {table} = $1"), &account)
            .await;
        assert_eq!(left, 0, "{table}");
    }
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM outbox WHERE recipient = $1",
                "invitee@example.test"
            )
            .await,
        0,
        "the unsent invitation mail is gone"
    );
    let notices = server
        .count(
            "SELECT count(*) FROM outbox WHERE recipient = $1 AND subject LIKE '%Doomed Co was deleted%'",
            &member.email,
        )
        .await;
    assert_eq!(notices, 1, "the former member is told");
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM outbox WHERE recipient = $1 AND subject LIKE '%was deleted%'",
                &owner.email
            )
            .await,
        0,
        "not the one who deleted it"
    );
    // The former member is refused on their very next request; the other account is untouched.
    let next = member
        .client
        .call("account_details", &[("account_id", &account)])
        .await;
    assert_eq!(next.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM memberships WHERE account_id = $1",
                &other_account
            )
            .await,
        1
    );
    // Both users remain.
    assert_eq!(
        server
            .count("SELECT count(*) FROM users WHERE id = $1", &member.user_id)
            .await,
        1
    );
}

#[tokio::test]
async fn the_settings_page_offers_rename_and_delete_to_the_owner_and_escapes_the_name() {
    let server = TestServer::start().await;
    let hostile = "</title><script>alert(1)</script>";
    let (account, owner) = server.account(hostile).await;
    let page = owner
        .client
        .get(&format!("/accounts/{account}/settings?dialog=delete"))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(html.contains("action=\"/api/rename_account\""));
    assert!(html.contains("action=\"/api/delete_account\""));
    assert!(
        html.contains("2 members") || html.contains("1 member "),
        "{html}"
    );
}
