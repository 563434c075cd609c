//! API keys and the read side of the JSON API: a key is shown once and stored as a hash, gets
//! no more than its creator holds, acts only in its account, stops at revocation and expiry,
//! and answers "may this user do this?" through the roles that allow it.

use crate::keys::{admin_in, api, create_key};
use crate::support::TestServer;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_new_key_is_shown_once_stored_as_a_hash_and_recorded_in_the_audit_log() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Keys Co").await;
    let secret = create_key(&owner.client, &account, &["read:users"]).await;
    assert!(secret.starts_with("roster_") && secret.len() == 50);
    let again: Value = owner
        .client
        .call("api_keys", &[("account_id", account.as_str())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["new_secret"], Value::Null, "shown once only");
    assert_eq!(again["keys"][0]["name"], "ci-bot");
    assert_eq!(again["keys"][0]["permissions"], json!(["read:users"]));
    let stored: Vec<u8> =
        app::db::query_scalar("SELECT secret_hash FROM api_keys WHERE account_id = $1")
            .bind(&account)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(stored.len(), 32);
    assert!(!String::from_utf8_lossy(&stored).contains(&secret[7..]));
    assert_eq!(
        server
            .count("SELECT count(*) FROM audit_events WHERE account_id = $1 AND action = 'api_key.created'", &account)
            .await,
        1
    );
}

/// Creates a key (reading `read:users`) named `name`, without viewing its secret.
async fn create_unviewed_key(client: &crate::support::ApiClient, account: &str, name: &str) {
    let created = client
        .call(
            "create_api_key",
            &[
                ("account_id", account),
                ("name", name),
                ("lifetime_days", "30"),
                ("permissions[]", "read:users"),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::OK);
}

/// Every session row's stored bytes.
async fn session_rows(server: &TestServer) -> Vec<Vec<u8>> {
    app::db::query_scalar("SELECT data FROM sessions")
        .fetch_all(&server.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_new_keys_secret_rests_whole_in_no_session_row_and_only_its_browser_sees_it() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Handover Co").await;
    create_unviewed_key(&owner.client, &account, "ci-bot").await;
    let rows_while_waiting = session_rows(&server).await;

    // The same session without the browser's pad (a copied cookie, a read of the row) is shown
    // nothing, and the masked copy is gone after that one view.
    let session = owner.client.cookie("roster_session").expect("signed in");
    let elsewhere = server.client();
    elsewhere.set_cookie("roster_session", &session);
    let view: Value = elsewhere
        .call("api_keys", &[("account_id", account.as_str())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["keys"][0]["name"], "ci-bot");
    assert_eq!(view["new_secret"], Value::Null);

    let secret = create_key(&owner.client, &account, &["read:users"]).await;
    let rows_while_waiting_again = session_rows(&server).await;
    for row in rows_while_waiting.iter().chain(&rows_while_waiting_again) {
        let text = String::from_utf8_lossy(row);
        assert!(
            !text.contains(&secret[7..]),
            "the secret rests in a session row"
        );
        assert!(!text.contains("roster_"), "no secret's prefix either");
    }
}

#[tokio::test]
async fn a_new_keys_secret_not_viewed_in_time_is_never_shown() {
    let server = TestServer::start_with(|config| config.new_key_shown_within_secs = 1).await;
    let (account, owner) = server.account("Late Co").await;
    create_unviewed_key(&owner.client, &account, "late").await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let view: Value = owner
        .client
        .call("api_keys", &[("account_id", account.as_str())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["keys"][0]["name"], "late");
    assert_eq!(view["new_secret"], Value::Null);
}

#[tokio::test]
async fn a_key_gets_no_permission_its_creator_lacks() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Escalation Co").await;
    let admin = admin_in(&server, &account).await;
    // Admin holds write:api_keys but not write:account.
    let refused = admin
        .client
        .call(
            "create_api_key",
            &[
                ("account_id", account.as_str()),
                ("name", "too strong"),
                ("permissions[]", "write:account"),
                ("lifetime_days", "30"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("write:account"));
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM api_keys WHERE account_id = $1",
                &account
            )
            .await,
        0
    );
}

#[tokio::test]
async fn the_check_answers_through_the_roles_that_allow_it() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Check Co").await;
    let admin = admin_in(&server, &account).await;
    let outsider = server.person().await;
    let secret = create_key(&owner.client, &account, &["read:users"]).await;

    let path = format!("/accounts/{account}/check");
    let (status, answer) = api(
        &server,
        &secret,
        "POST",
        &path,
        Some(json!({ "user": admin.email, "permission": "delete:users" })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer, json!({ "allowed": true, "via_roles": ["Admin"] }));
    let (_, answer) = api(
        &server,
        &secret,
        "POST",
        &path,
        Some(json!({ "user": admin.user_id, "permission": "write:account" })),
    )
    .await;
    assert_eq!(answer, json!({ "allowed": false, "via_roles": [] }));
    let (_, answer) = api(
        &server,
        &secret,
        "POST",
        &path,
        Some(json!({ "user": owner.email, "permission": "write:account" })),
    )
    .await;
    assert_eq!(answer, json!({ "allowed": true, "via_roles": ["Owner"] }));
    let (_, answer) = api(
        &server,
        &secret,
        "POST",
        &path,
        Some(json!({ "user": owner.user_id, "permission": "read:profile" })),
    )
    .await;
    assert_eq!(
        answer,
        json!({ "allowed": true, "via_roles": ["Base", "Owner"] })
    );
    // Someone outside the account may do nothing in it.
    let (_, answer) = api(
        &server,
        &secret,
        "POST",
        &path,
        Some(json!({ "user": outsider.email, "permission": "read:profile" })),
    )
    .await;
    assert_eq!(answer, json!({ "allowed": false, "via_roles": [] }));
    // An unknown permission, or a body that is no request, is the caller's mistake.
    let (status, problem) = api(
        &server,
        &secret,
        "POST",
        &path,
        Some(json!({ "user": admin.email, "permission": "fly:planes" })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "permission");
    let (status, _) = api(&server, &secret, "POST", &path, Some(json!({ "nope": 1 }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, problem) = api(
        &server,
        &secret,
        "POST",
        &path,
        Some(json!({ "user": " ", "permission": "read:users" })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "user");

    let (status, member) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{account}/members/{}/permissions", admin.email),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(member["roles"], json!(["Base", "Admin"]));
    assert!(
        member["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("write:api_keys"))
    );
    assert!(
        !member["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("write:account"))
    );
    let (status, _) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{account}/members/{}/permissions", outsider.email),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_key_acts_only_in_its_account_with_its_permissions_and_stops_when_revoked_or_expired() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Scope Co").await;
    let (elsewhere, _) = server.account("Elsewhere Co").await;
    let secret = create_key(&owner.client, &account, &["read:account"]).await;

    let (status, card) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{account}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(card["name"], "Scope Co");
    assert_eq!(card["members"], 1);
    let (status, _) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{elsewhere}"),
        None,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another account does not exist for this key"
    );
    let (status, _) = api(
        &server,
        &secret,
        "POST",
        &format!("/accounts/{account}/check"),
        Some(json!({ "user": owner.email, "permission": "read:users" })),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the key lacks read:users");
    let (status, catalogue) = api(&server, &secret, "GET", "/permissions", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        catalogue
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "write:api_keys")
    );
    let (status, _) = api(
        &server,
        "roster_notakeyatallnotakeyatallnotakeyatallnotak",
        "GET",
        "/permissions",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let used = server
        .count(
            "SELECT count(*) FROM api_keys WHERE account_id = $1 AND last_used_at IS NOT NULL",
            &account,
        )
        .await;
    assert_eq!(used, 1, "last used is recorded");

    let key_id: String = app::db::query_scalar("SELECT id FROM api_keys WHERE account_id = $1")
        .bind(&account)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    app::db::query("UPDATE api_keys SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = $1")
        .bind(&key_id)
        .execute(&server.pool)
        .await
        .unwrap();
    let (status, _) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{account}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "expired");
    app::db::query("UPDATE api_keys SET expires_at = NULL WHERE id = $1")
        .bind(&key_id)
        .execute(&server.pool)
        .await
        .unwrap();

    let revoked = owner
        .client
        .call(
            "revoke_api_key",
            &[
                ("account_id", account.as_str()),
                ("key_id", key_id.as_str()),
                ("confirm", "revoke"),
            ],
        )
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    let (status, _) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{account}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "revoked");
    assert_eq!(
        server
            .count("SELECT count(*) FROM audit_events WHERE account_id = $1 AND action = 'api_key.revoked'", &account)
            .await,
        1
    );
}

#[tokio::test]
async fn a_key_over_its_allowance_gets_429_with_retry_after() {
    let server = TestServer::start_with(|config| config.api_requests_per_minute = 3).await;
    let (account, owner) = server.account("Busy Co").await;
    let secret = create_key(&owner.client, &account, &["read:account"]).await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    let mut retry_after = None;
    for _ in 0..5 {
        let response = client
            .get(format!("{}/api/v1/accounts/{account}", server.base_url))
            .header("authorization", format!("Bearer {secret}"))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            retry_after = response.headers().get("retry-after").cloned();
        }
    }
    assert_eq!(statuses, vec![200, 200, 200, 429, 429]);
    assert!(retry_after.is_some());
}

#[tokio::test]
async fn a_key_reads_roles_and_pending_invitations_with_the_permissions_for_them() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Reading Co").await;
    let editor = server
        .custom_role(
            &account,
            "Editor",
            &[app::permissions::Permission::WriteRoles],
        )
        .await;
    server
        .invite_one(&owner, &account, "someone@example.test", &[])
        .await;
    let reader = create_key(&owner.client, &account, &["read:roles", "read:invites"]).await;
    let roles_only = create_key(&owner.client, &account, &["read:roles"]).await;

    let (status, roles) = api(
        &server,
        &reader,
        "GET",
        &format!("/accounts/{account}/roles"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = roles
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Owner", "Admin", "Base", "Editor"]);
    let (status, role) = api(
        &server,
        &reader,
        "GET",
        &format!("/accounts/{account}/roles/{editor}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(role["builtin"], Value::Null);
    assert_eq!(role["permissions"], json!(["read:roles", "write:roles"]));
    let (status, _) = api(
        &server,
        &reader,
        "GET",
        &format!("/accounts/{account}/roles/nope"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, invitations) = api(
        &server,
        &reader,
        "GET",
        &format!("/accounts/{account}/invitations"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(invitations[0]["email"], "someone@example.test");
    assert_eq!(invitations[0]["roles"], json!(["Base"]));
    let (status, _) = api(
        &server,
        &roles_only,
        "GET",
        &format!("/accounts/{account}/invitations"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_client_guessing_keys_is_slowed_down_with_retry_after() {
    let server = TestServer::start_with(|config| config.api_key_misses_per_minute = 3).await;
    let (account, owner) = server.account("Guessed Co").await;
    let good = create_key(&owner.client, &account, &["read:account"]).await;
    let path = format!("/accounts/{account}");
    for n in 0..3 {
        let guess = format!("roster_{}{n}", "x".repeat(42));
        let (status, _) = api(&server, &guess, "GET", &path, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let guess = format!("roster_{}", "y".repeat(43));
    let (status, _) = api(&server, &guess, "GET", &path, None).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the allowance ends with this miss"
    );
    let (status, problem) = api(&server, &good, "GET", &path, None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{problem}");
}
