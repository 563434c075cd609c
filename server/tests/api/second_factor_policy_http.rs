//! An account that requires a second factor: who may turn it on, who is not ready, and that a
//! member without one is refused by every door of the account (never removed) until they add
//! one.

use crate::second_factor_http::enrol;
use crate::support::TestServer;
use app::permissions::Permission;
use reqwest::StatusCode;

async fn require(person: &crate::world::Person, account: &str, required: bool) -> StatusCode {
    person
        .client
        .call(
            "require_second_factor",
            &[
                ("account_id", account),
                ("required", if required { "true" } else { "false" }),
            ],
        )
        .await
        .status()
}

#[tokio::test]
async fn turning_it_on_needs_a_second_factor_of_the_caller_and_the_owner_and_lists_who_is_not_ready()
 {
    let server = crate::webhooks_http::webhook_server().await;
    let (account, owner) = server.account("Policy Co").await;
    let admin = server
        .member_with(&account, &[Permission::WriteAccount])
        .await;
    assert_eq!(require(&owner, &account, true).await, StatusCode::CONFLICT);
    assert_eq!(require(&admin, &account, true).await, StatusCode::CONFLICT);
    enrol(&admin).await;
    assert_eq!(
        require(&admin, &account, true).await,
        StatusCode::CONFLICT,
        "the owner has none yet"
    );
    enrol(&owner).await;
    let settings: serde_json::Value = owner
        .client
        .call("account_settings", &[("account_id", &account)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(settings["second_factor"]["members_without_count"], 0);
    let late = server.member_with(&account, &[Permission::ReadUsers]).await;
    let settings: serde_json::Value = owner
        .client
        .call("account_settings", &[("account_id", &account)])
        .await
        .json()
        .await
        .unwrap();
    let policy = &settings["second_factor"];
    assert_eq!(policy["members_without_count"], 1);
    assert_eq!(policy["members_without"][0]["email"], late.email.as_str());
    assert_eq!(policy["required_since"], serde_json::Value::Null);

    crate::webhooks_http::add_endpoint(
        &owner.client,
        &account,
        "http://127.0.0.1:9/policy",
        &["account.second_factor_policy_changed"],
    )
    .await;
    assert_eq!(require(&admin, &account, true).await, StatusCode::OK);
    assert_eq!(require(&admin, &account, true).await, StatusCode::OK);
    assert_eq!(require(&owner, &account, false).await, StatusCode::OK);
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM audit_events WHERE action = 'account.second_factor_policy_changed' AND account_id = $1",
                &account
            )
            .await,
        2,
        "turned on once (the second time changed nothing), then off"
    );
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM webhook_deliveries WHERE event = 'account.second_factor_policy_changed' AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE account_id = $1)",
                &account
            )
            .await,
        2
    );
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM memberships WHERE account_id = $1",
                &account
            )
            .await,
        3,
        "nobody was removed"
    );
}

#[tokio::test]
async fn a_member_without_a_second_factor_is_refused_by_every_door_of_the_account_until_they_add_one()
 {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Strict Co").await;
    let (own_account, member) = server.account("Member's own").await;
    server.add_member(&account, &member).await;
    let admin_role = server.builtin_role_id(&account, "admin").await;
    server.assign(&account, &member, &admin_role).await;
    let secret = crate::keys::create_key(&member.client, &account, &["read:users"]).await;
    enrol(&owner).await;
    assert_eq!(require(&owner, &account, true).await, StatusCode::OK);

    let details = member
        .client
        .call("account_details", &[("account_id", &account)])
        .await;
    assert_eq!(details.status(), StatusCode::FORBIDDEN);
    assert!(
        details
            .text()
            .await
            .unwrap()
            .contains("SecondFactorRequired")
    );
    let page = member.client.get(&format!("/accounts/{account}")).await;
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("This account requires a second factor")
    );
    let api = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/accounts/{account}/members",
            server.base_url
        ))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::FORBIDDEN);
    assert!(
        api.text()
            .await
            .unwrap()
            .contains("requires a second factor")
    );
    // Their other account does not require one; and they are still a member here.
    let theirs = member
        .client
        .call("account_details", &[("account_id", &own_account)])
        .await;
    assert_eq!(theirs.status(), StatusCode::OK);
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM memberships WHERE account_id = $1",
                &account
            )
            .await,
        2
    );

    enrol(&member).await;
    let details = member
        .client
        .call("account_details", &[("account_id", &account)])
        .await;
    assert_eq!(details.status(), StatusCode::OK);
    let api = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/accounts/{account}/members",
            server.base_url
        ))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::OK);
}
