//! Every answer carries the security headers; pages get their own strict policy.

use crate::support::TestServer;

#[tokio::test]
async fn answers_that_are_not_pages_allow_nothing_to_load_or_frame_them() {
    let server = TestServer::start().await;
    let response = server.client().call("whoami", &[]).await;
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert_eq!(response.headers()["x-frame-options"], "DENY");
    assert_eq!(response.headers()["referrer-policy"], "same-origin");
    assert_eq!(response.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn the_invitation_page_sends_no_referrer() {
    let server = TestServer::start().await;
    let response = server.client().get("/invitations/not-a-real-token").await;
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
}
