//! `Idempotency-Key` on the API's POSTs: a retry gets the first answer and changes nothing
//! more; the same key with another request is refused.

use crate::keys::create_key;
use crate::support::TestServer;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn post(
    server: &TestServer,
    secret: &str,
    path: &str,
    idempotency_key: Option<&str>,
    body: Value,
) -> (StatusCode, Option<String>, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{}/api/v1{path}", server.base_url))
        .header("authorization", format!("Bearer {secret}"))
        .json(&body);
    if let Some(key) = idempotency_key {
        request = request.header("idempotency-key", key);
    }
    let response = request.send().await.unwrap();
    let replayed = response
        .headers()
        .get("idempotent-replayed")
        .map(|v| v.to_str().unwrap().to_owned());
    (
        response.status(),
        replayed,
        response.json().await.unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn a_retry_with_the_same_key_and_body_gets_the_first_answer_and_changes_nothing_more() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Retry Co").await;
    let secret = create_key(&owner.client, &account, &["write:roles", "write:invites"]).await;
    let roles = format!("/accounts/{account}/roles");
    let body = json!({ "name": "Support", "permissions": ["write:invites"] });

    let (status, replayed, first) =
        post(&server, &secret, &roles, Some("role-1"), body.clone()).await;
    assert_eq!((status, replayed), (StatusCode::CREATED, None), "{first}");
    let (status, replayed, again) =
        post(&server, &secret, &roles, Some("role-1"), body.clone()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(replayed.as_deref(), Some("true"));
    assert_eq!(again, first);
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM roles WHERE account_id = $1 AND name = 'Support'",
                &account
            )
            .await,
        1
    );
    // Without the header, the same request is a new one (and the name is taken now).
    let (status, _, _) = post(&server, &secret, &roles, None, body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let invitations = format!("/accounts/{account}/invitations");
    let invitee = crate::support::unique_email();
    let invite = json!({ "emails": [invitee] });
    for _ in 0..3 {
        let (status, _, answers) = post(
            &server,
            &secret,
            &invitations,
            Some("invite-1"),
            invite.clone(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            answers[0]["outcome"], "invited",
            "the first answer, each time"
        );
    }
    let mails: i64 = app::db::query_scalar("SELECT count(*) FROM outbox WHERE recipient = $1")
        .bind(&invitee)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(mails, 1);
}

#[tokio::test]
async fn the_same_key_with_another_request_is_refused_and_a_malformed_key_too() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Conflict Co").await;
    let secret = create_key(&owner.client, &account, &["write:roles"]).await;
    let roles = format!("/accounts/{account}/roles");
    let (status, _, _) = post(
        &server,
        &secret,
        &roles,
        Some("shared"),
        json!({ "name": "One", "permissions": [] }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _, refusal) = post(
        &server,
        &secret,
        &roles,
        Some("shared"),
        json!({ "name": "Two", "permissions": [] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refusal["errors"][0]["field"], "Idempotency-Key");
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM roles WHERE account_id = $1 AND name = 'Two'",
                &account
            )
            .await,
        0
    );
    let long = "k".repeat(256);
    let (status, _, _) = post(
        &server,
        &secret,
        &roles,
        Some(&long),
        json!({ "name": "Three", "permissions": [] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Another key's idempotency keys are its own.
    let other = create_key(&owner.client, &account, &["write:roles"]).await;
    let (status, replayed, _) = post(
        &server,
        &other,
        &roles,
        Some("shared"),
        json!({ "name": "Four", "permissions": [] }),
    )
    .await;
    assert_eq!((status, replayed), (StatusCode::CREATED, None));
}

#[tokio::test]
async fn a_revoked_key_gets_no_replay_of_its_earlier_answers() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Replay Revoked Co").await;
    let secret = create_key(&owner.client, &account, &["write:roles"]).await;
    let roles = format!("/accounts/{account}/roles");
    let body = json!({ "name": "Kept answer", "permissions": [] });
    let (status, _, _) = post(&server, &secret, &roles, Some("kept-1"), body.clone()).await;
    assert_eq!(status, StatusCode::CREATED);
    app::db::query(
        "UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE account_id = $1",
    )
    .bind(&account)
    .execute(&server.pool)
    .await
    .unwrap();
    let (status, replayed, _) = post(&server, &secret, &roles, Some("kept-1"), body).await;
    assert_eq!((status, replayed), (StatusCode::UNAUTHORIZED, None));
}
