//! A forgotten password: the same answer for every address, a single-use link by mail that
//! expires, and a new password that ends every session.

use crate::support::{PASSWORD, TestServer, unique_email};
use reqwest::StatusCode;

/// The token of the reset link in reset mail number `count` delivered to `email`.
async fn reset_link(server: &TestServer, email: &str, count: usize) -> String {
    server.wait_for_link(email, "/reset-password/", count).await
}

#[tokio::test]
async fn asking_answers_the_same_for_a_known_and_an_unknown_address() {
    let server = TestServer::start().await;
    let known = server.person().await;
    let stranger = server.client();
    let mut answers = Vec::new();
    for email in [known.email.clone(), unique_email()] {
        let response = stranger
            .call("request_password_reset", &[("email", &email)])
            .await;
        answers.push((response.status(), response.text().await.unwrap()));
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0, StatusCode::OK);
    assert_eq!(
        server
            .count("SELECT count(*) FROM outbox WHERE subject = 'Set a new Roster password' AND recipient = $1", &known.email)
            .await,
        1
    );
    assert_eq!(
        server
            .count("SELECT count(*) FROM outbox WHERE subject = 'Set a new Roster password' AND recipient <> $1", &known.email)
            .await,
        0,
        "nothing goes to an address no user has"
    );
}

#[tokio::test]
async fn a_reset_link_works_once_sets_the_password_ends_every_session_and_signs_in() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let (account, _) = server.account("Reset Co").await;
    server.add_member(&account, &me).await;
    let stranger = server.client();
    stranger
        .call("request_password_reset", &[("email", &me.email)])
        .await;
    let token = reset_link(&server, &me.email, 1).await;
    // Only the hash is stored.
    let stored: Vec<u8> = app::db::query_scalar(
        "SELECT token_hash FROM user_tokens WHERE user_id = $1 AND purpose = 'password_reset'",
    )
    .bind(&me.user_id)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(stored.len(), 32);
    assert!(!String::from_utf8_lossy(&stored).contains(&token));
    let works: bool = stranger
        .call("reset_link_works", &[("token", &token)])
        .await
        .json()
        .await
        .unwrap();
    assert!(works);

    let reset = stranger
        .call(
            "reset_password",
            &[("token", &token), ("new_password", "a completely new one")],
        )
        .await;
    assert_eq!(reset.status(), StatusCode::OK);
    assert_eq!(
        stranger.whoami().await["email"],
        me.email.as_str(),
        "signed in here"
    );
    assert_eq!(
        me.client.whoami().await,
        serde_json::Value::Null,
        "signed out elsewhere"
    );
    let again = server
        .client()
        .call(
            "reset_password",
            &[("token", &token), ("new_password", "yet another password")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT, "the link works once");
    let old = server
        .client()
        .call("sign_in", &[("email", &me.email), ("password", PASSWORD)])
        .await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM audit_events WHERE action = 'user.password_reset' AND account_id = $1",
                &account
            )
            .await,
        1
    );
}

#[tokio::test]
async fn an_expired_or_superseded_link_is_refused_and_changes_nothing() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let stranger = server.client();
    stranger
        .call("request_password_reset", &[("email", &me.email)])
        .await;
    let first = reset_link(&server, &me.email, 1).await;
    stranger
        .call("request_password_reset", &[("email", &me.email)])
        .await;
    let second = reset_link(&server, &me.email, 2).await;
    assert_ne!(first, second);
    let superseded = stranger
        .call(
            "reset_password",
            &[("token", &first), ("new_password", "new password one")],
        )
        .await;
    assert_eq!(superseded.status(), StatusCode::CONFLICT);
    app::db::query(
        "UPDATE user_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = $1",
    )
    .bind(&me.user_id)
    .execute(&server.pool)
    .await
    .unwrap();
    let expired = stranger
        .call(
            "reset_password",
            &[("token", &second), ("new_password", "new password two")],
        )
        .await;
    assert_eq!(expired.status(), StatusCode::CONFLICT);
    assert!(expired.text().await.unwrap().contains("Ask for a new one"));
    assert_eq!(
        me.client.whoami().await["email"],
        me.email.as_str(),
        "nothing ended"
    );
    let page = stranger.get(&format!("/reset-password/{second}")).await;
    // No other site learns the link's address from a click on the page.
    assert_eq!(page.headers()["referrer-policy"], "same-origin");
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("This link no longer works")
    );
}

#[tokio::test]
async fn asking_again_and_again_for_one_address_is_throttled() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let stranger = server.client();
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(
            stranger
                .call("request_password_reset", &[("email", &me.email)])
                .await
                .status(),
        );
    }
    assert!(
        statuses[..5].iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    assert_eq!(statuses[7], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
}
