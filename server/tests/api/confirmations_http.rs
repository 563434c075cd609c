//! A destructive action changes nothing unless its post carries the confirmation's exact word
//! (only its dialog sends it): missing, mistyped or another action's word answers 409.

use crate::keys::create_key;
use crate::support::{ApiClient, TestServer};
use reqwest::StatusCode;
use serde_json::Value;

/// Sends `function` with each wrong confirmation, each refused with 409, then the right one.
async fn refused_unless_confirmed(
    client: &ApiClient,
    function: &str,
    form: &[(&str, &str)],
    word: &str,
) -> reqwest::Response {
    let wrong = [
        "",
        "yes",
        &word.to_uppercase(),
        &format!("{word} "),
        "delete",
    ];
    for sent in wrong {
        let mut with = form.to_vec();
        with.push(("confirm", sent));
        let answer = client.call(function, &with).await;
        assert_eq!(
            answer.status(),
            StatusCode::CONFLICT,
            "{function} with {sent:?}"
        );
    }
    let answer = client.call(function, form).await;
    assert_eq!(
        answer.status(),
        StatusCode::CONFLICT,
        "{function} with none"
    );
    let mut with = form.to_vec();
    with.push(("confirm", word));
    client.call(function, &with).await
}

async fn view(client: &ApiClient, function: &str, account: &str) -> Value {
    client
        .call(function, &[("account_id", account)])
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn removing_a_member_and_handing_over_ownership_need_their_words() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Confirm Members Co").await;
    let leaving = server.person().await;
    let heir = server.person().await;
    server.add_member(&account, &leaving).await;
    server.add_member(&account, &heir).await;

    let removed = refused_unless_confirmed(
        &owner.client,
        "remove_member",
        &[("account_id", &account), ("user_id", &leaving.user_id)],
        "remove",
    )
    .await;
    assert_eq!(removed.status(), StatusCode::OK);
    let members = "SELECT count(*) FROM memberships WHERE account_id = $1";
    assert_eq!(server.count(members, &account).await, 2, "one removal only");

    let handed = refused_unless_confirmed(
        &owner.client,
        "transfer_ownership",
        &[("account_id", &account), ("user_id", &heir.user_id)],
        "transfer",
    )
    .await;
    assert_eq!(handed.status(), StatusCode::OK);
    let owner_now: String =
        app::db::query_scalar("SELECT user_id FROM account_owners WHERE account_id = $1")
            .bind(&account)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(owner_now, heir.user_id);
}

#[tokio::test]
async fn revoking_a_key_and_removing_an_endpoint_need_their_words() {
    let server = TestServer::start_with(|config| config.allow_private_webhooks = true).await;
    let (account, owner) = server.account("Confirm Keys Co").await;
    create_key(&owner.client, &account, &["read:users"]).await;
    let keys = view(&owner.client, "api_keys", &account).await;
    let key = keys["keys"][0]["id"].as_str().unwrap().to_owned();
    let revoked = refused_unless_confirmed(
        &owner.client,
        "revoke_api_key",
        &[("account_id", &account), ("key_id", &key)],
        "revoke",
    )
    .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    let keys = view(&owner.client, "api_keys", &account).await;
    assert!(keys["keys"][0]["revoked_at"].is_string(), "{keys}");

    let added = owner
        .client
        .call(
            "add_webhook",
            &[
                ("account_id", account.as_str()),
                ("url", "http://127.0.0.1:9/confirm"),
                ("events[]", "member.removed"),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::OK);
    let hooks = view(&owner.client, "webhooks", &account).await;
    let endpoint = hooks["endpoints"][0]["id"].as_str().unwrap().to_owned();
    let removed = refused_unless_confirmed(
        &owner.client,
        "remove_webhook",
        &[("account_id", &account), ("endpoint_id", &endpoint)],
        "remove",
    )
    .await;
    assert_eq!(removed.status(), StatusCode::OK);
    let hooks = view(&owner.client, "webhooks", &account).await;
    assert_eq!(hooks["endpoints"].as_array().unwrap().len(), 0);
}
