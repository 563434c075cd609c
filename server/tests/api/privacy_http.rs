//! Permissions mean what they say, and looking never writes.

use crate::support::TestServer;
use app::permissions::Permission;
use reqwest::StatusCode;

#[tokio::test]
async fn a_member_holding_only_delete_users_cannot_remove_an_admin() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Removal Co").await;
    let remover = server
        .member_with(&account, &[Permission::DeleteUsers])
        .await;
    let admin = server.person().await;
    server.add_member(&account, &admin).await;
    let admin_role = server.builtin_role_id(&account, "admin").await;
    server.assign(&account, &admin, &admin_role).await;
    let refused = remover
        .client
        .call(
            "remove_member",
            &[
                ("account_id", &account),
                ("user_id", &admin.user_id),
                ("confirm", "remove"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert!(
        body["Conflict"]
            .as_str()
            .unwrap()
            .contains("permissions you hold yourself")
    );
    assert!(server.is_member(&account, &admin.user_id).await);
    // A member with no more than the remover holds can still be removed.
    let plain = server.person().await;
    server.add_member(&account, &plain).await;
    let removed = remover
        .client
        .call(
            "remove_member",
            &[
                ("account_id", &account),
                ("user_id", &plain.user_id),
                ("confirm", "remove"),
            ],
        )
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_base_only_member_sees_the_account_and_their_own_membership_only() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Private Co").await;
    let member = server.person().await;
    server.add_member(&account, &member).await;
    let view: serde_json::Value = member
        .client
        .call("account_details", &[("account_id", &account)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["name"], "Private Co");
    let members = view["members"].as_array().unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0]["email"], member.email.as_str());
    let page = member
        .client
        .get(&format!("/accounts/{account}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains(&owner.email),
        "the owner's address is shown to a Base-only member"
    );
    // The owner, holding read:users, sees everyone, a page at a time.
    let listing: serde_json::Value = owner
        .client
        .call("members_page", &[("account_id", &account), ("page", "1")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listing["rows"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_base_only_member_viewing_the_account_page_writes_no_audit_row() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Quiet Co").await;
    let member = server.person().await;
    server.add_member(&account, &member).await;
    let before = server
        .count(
            "SELECT count(*) FROM audit_events WHERE account_id = $1",
            &account,
        )
        .await;
    for path in [
        format!("/accounts/{account}"),
        format!("/accounts/{account}/roles"),
        format!("/accounts/{account}/audit"),
    ] {
        let response = member.client.get(&path).await;
        assert!(response.status().as_u16() < 500, "{path}");
    }
    let after = server
        .count(
            "SELECT count(*) FROM audit_events WHERE account_id = $1",
            &account,
        )
        .await;
    assert_eq!(after, before, "a GET wrote audit rows");
}
