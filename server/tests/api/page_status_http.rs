//! A page's HTTP status is the page's own, never that of one of the calls it makes while it
//! renders.

use crate::support::TestServer;
use reqwest::StatusCode;

#[tokio::test]
async fn signed_out_pages_answer_200() {
    let server = TestServer::start().await;
    let client = server.client();
    for page in ["/sign-in", "/sign-up", "/sign-in?next=%2Faccounts%2Fx"] {
        let response = client.get(page).await;
        assert_eq!(response.status(), StatusCode::OK, "{page}");
        assert!(response.text().await.unwrap().contains("<form"), "{page}");
    }
}

#[tokio::test]
async fn a_base_only_member_sees_the_account_page_with_200() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Status Co").await;
    let member = server.person().await;
    server.add_member(&account, &member).await;
    // Base may not read members or invitations: those sections are left out, not the page.
    let page = member.client.get(&format!("/accounts/{account}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Your membership"));
}

#[tokio::test]
async fn a_page_refused_as_a_whole_answers_403_and_a_missing_one_404() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Closed Co").await;
    let member = server.person().await;
    server.add_member(&account, &member).await;
    let roles = member
        .client
        .get(&format!("/accounts/{account}/roles"))
        .await;
    assert_eq!(roles.status(), StatusCode::FORBIDDEN);
    let stranger = server.person().await;
    let page = stranger.client.get(&format!("/accounts/{account}")).await;
    assert!(
        matches!(page.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}",
        page.status()
    );
}
