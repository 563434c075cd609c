//! Password guessing is throttled per address and per client, and hashing is bounded.

use crate::support::{PASSWORD, TestServer};
use reqwest::StatusCode;
use std::sync::atomic::Ordering;

fn hashes(server: &TestServer) -> u64 {
    server.state.hashing.stats.computed.load(Ordering::SeqCst)
}

async fn sign_in(client: &crate::support::ApiClient, email: &str, password: &str) -> StatusCode {
    client
        .call("sign_in", &[("email", email), ("password", password)])
        .await
        .status()
}

#[tokio::test]
async fn the_sixth_wrong_password_in_a_row_is_refused_with_retry_after_and_computes_no_hash() {
    let server = TestServer::start().await;
    let email = server.client().sign_up_fresh_user().await;
    let guesser = server.client();
    for _ in 0..5 {
        assert_eq!(
            sign_in(&guesser, &email, "wrong password").await,
            StatusCode::UNAUTHORIZED
        );
    }
    let before = hashes(&server);
    let refused = guesser
        .call("sign_in", &[("email", &email), ("password", PASSWORD)])
        .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after >= 1, "Retry-After: {retry_after}");
    let body: serde_json::Value = refused.json().await.unwrap();
    assert!(
        body["TooManyRequests"]["message"]
            .as_str()
            .unwrap()
            .contains("Too many sign-in attempts"),
        "{body}"
    );
    assert_eq!(hashes(&server), before, "a refused attempt computed a hash");
}

#[tokio::test]
async fn another_address_is_unaffected_by_guesses_at_one() {
    let server = TestServer::start().await;
    let victim = server.client().sign_up_fresh_user().await;
    let other = server.client().sign_up_fresh_user().await;
    let guesser = server.client();
    for _ in 0..6 {
        sign_in(&guesser, &victim, "wrong password").await;
    }
    assert_eq!(
        sign_in(&guesser, &victim, PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        sign_in(&server.client(), &other, PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_successful_sign_in_gives_the_address_its_attempts_back() {
    let server = TestServer::start().await;
    let email = server.client().sign_up_fresh_user().await;
    let person = server.client();
    for _ in 0..4 {
        sign_in(&person, &email, "wrong password").await;
    }
    assert_eq!(sign_in(&person, &email, PASSWORD).await, StatusCode::OK);
    for _ in 0..5 {
        assert_eq!(
            sign_in(&person, &email, "wrong password").await,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn one_client_guessing_across_many_addresses_is_refused_too() {
    let server = TestServer::start_with(|config| config.sign_in_attempts_per_client = 8).await;
    let guesser = server.client();
    for n in 0..8 {
        let address = format!("nobody-{n}@example.test");
        assert_eq!(
            sign_in(&guesser, &address, "wrong password").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        sign_in(&guesser, "nobody-else@example.test", "wrong password").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}
