//! A form on another site cannot make a signed-in visitor's browser change anything in Roster.

use crate::support::{PASSWORD, TestServer, unique_email};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_static(value));
    }
    map
}

async fn account_count(server: &TestServer) -> i64 {
    app::db::query_scalar("SELECT count(*) FROM accounts")
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

/// A signed-in user's browser sends a forged "create account" with `forged` headers.
async fn forged_account_creation_is_refused(forged: HeaderMap) {
    let server = TestServer::start().await;
    let client = server.client();
    client.sign_up_fresh_user().await;

    let response = client
        .call_with_headers("create_account", &[("name", "Forged")], forged)
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(account_count(&server).await, 0);
}

#[tokio::test]
async fn a_post_whose_origin_is_another_site_is_refused_and_changes_nothing() {
    forged_account_creation_is_refused(headers(&[("origin", "https://evil.example")])).await;
}

#[tokio::test]
async fn a_post_that_fetch_metadata_marks_cross_site_is_refused() {
    forged_account_creation_is_refused(headers(&[("sec-fetch-site", "cross-site")])).await;
}

#[tokio::test]
async fn a_cross_site_sign_up_creates_no_user() {
    let server = TestServer::start().await;
    let email = unique_email();
    let response = server
        .client()
        .call_with_headers(
            "sign_up",
            &[
                ("email", &email),
                ("display_name", "Forged"),
                ("password", PASSWORD),
            ],
            headers(&[("origin", "null"), ("sec-fetch-site", "cross-site")]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let users: i64 = app::db::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(users, 0);
}

#[tokio::test]
async fn a_same_origin_post_goes_through() {
    let server = TestServer::start().await;
    let client = server.client();
    client.sign_up_fresh_user().await;
    let response = client.call("create_account", &[("name", "Real")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(account_count(&server).await, 1);
}
