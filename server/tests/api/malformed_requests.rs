//! A request the server-function framework cannot decode is the client's mistake: 400.

use crate::support::TestServer;
use reqwest::StatusCode;

#[tokio::test]
async fn a_request_the_framework_cannot_decode_gets_400_with_the_error_named() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Decoding").await;
    let response = owner
        .client
        .call("members_page", &[("account_id", &account), ("page", "abc")])
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body, serde_json::json!("BadRequest"));
}
