//! Password guessing is throttled per address and per client, and hashing is bounded.

use crate::support::{PASSWORD, TestServer, unique_email};
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

#[tokio::test]
async fn a_sign_in_flood_hashes_one_password_per_slot_and_tells_the_rest_to_come_back() {
    let server = TestServer::start_with(|config| {
        config.password_hash_concurrency = 1;
        config.password_hash_wait_secs = 0;
    })
    .await;
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let client = server.client();
        attempts.spawn(async move {
            let response = client
                .call(
                    "sign_in",
                    &[("email", &unique_email()), ("password", "a guess")],
                )
                .await;
            let retry_after = response.headers().get("retry-after").cloned();
            (response.status(), retry_after)
        });
    }
    let outcomes = attempts.join_all().await;
    let busy: Vec<_> = outcomes
        .iter()
        .filter(|(status, _)| *status == StatusCode::SERVICE_UNAVAILABLE)
        .collect();
    assert!(
        outcomes
            .iter()
            .all(|(status, _)| *status == StatusCode::UNAUTHORIZED
                || *status == StatusCode::SERVICE_UNAVAILABLE),
        "{outcomes:?}"
    );
    assert!(
        !busy.is_empty(),
        "16 sign-ins at once found a free slot each"
    );
    assert!(busy.iter().all(|(_, retry_after)| retry_after.is_some()));
    let peak = server
        .state
        .hashing
        .stats
        .peak_in_flight
        .load(Ordering::SeqCst);
    assert_eq!(peak, 1, "hashes ran at once: {peak}");
}

#[tokio::test]
async fn thirty_two_sign_ins_at_once_never_hash_more_passwords_at_once_than_there_are_cores() {
    // All from one client address: allow it more attempts than the default 30.
    let server = TestServer::start_with(|config| config.sign_in_attempts_per_client = 100).await;
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..32 {
        let client = server.client();
        attempts.spawn(async move { sign_in(&client, &unique_email(), "a guess").await });
    }
    let outcomes = attempts.join_all().await;
    assert!(
        outcomes
            .iter()
            .all(|status| *status == StatusCode::UNAUTHORIZED),
        "{outcomes:?}"
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let peak = server
        .state
        .hashing
        .stats
        .peak_in_flight
        .load(Ordering::SeqCst);
    assert!(peak <= cores, "{peak} hashes ran at once on {cores} cores");
    assert_eq!(hashes(&server), 32);
}
