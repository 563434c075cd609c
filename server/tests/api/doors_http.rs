//! Every door ends in the same `Caller`: a page session and an API key of the same rights read
//! the same account the same way, and each door's caller passes the re-check inside a write's
//! transaction (and fails it once the rights are gone).

use crate::keys::{api, create_key};
use crate::support::TestServer;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_page_read_and_an_api_read_with_the_same_rights_see_the_same_members_and_roles() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Doors Co").await;
    let reader = server
        .member_with(
            &account,
            &[
                app::permissions::Permission::ReadUsers,
                app::permissions::Permission::ReadRoles,
                // To make their own key.
                app::permissions::Permission::WriteApiKeys,
            ],
        )
        .await;
    for _ in 0..3 {
        let other = server.person().await;
        server.add_member(&account, &other).await;
    }
    // The key is the reader's delegate, carrying the rights these reads need.
    let secret = create_key(&reader.client, &account, &["read:users", "read:roles"]).await;

    let page: Value = reader
        .client
        .call("members_page", &[("account_id", account.as_str())])
        .await
        .json()
        .await
        .unwrap();
    let mut by_page: Vec<String> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["pending"] == false)
        .map(|row| format!("{} {}", row["id"], row["email"]))
        .collect();
    let (status, listed) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{account}/members"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    let mut by_api: Vec<String> = listed["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|member| format!("{} {}", member["user_id"], member["email"]))
        .collect();
    by_page.sort();
    by_api.sort();
    assert_eq!(by_page.len(), 5);
    assert_eq!(by_page, by_api);

    let roles: Value = reader
        .client
        .call("list_roles", &[("account_id", account.as_str())])
        .await
        .json()
        .await
        .unwrap();
    let (status, api_roles) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{account}/roles"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let names = |list: &Value| -> Vec<String> {
        let mut names: Vec<String> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|role| role["name"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&roles["roles"]), names(&api_roles));
}

#[tokio::test]
async fn each_doors_caller_passes_the_write_recheck_until_its_rights_are_gone() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Recheck Co").await;
    let writer = server
        .member_with(
            &account,
            &[
                app::permissions::Permission::WriteRoles,
                app::permissions::Permission::WriteApiKeys,
            ],
        )
        .await;
    let secret = create_key(&writer.client, &account, &["write:roles"]).await;

    // Through the page's door and the key's door, the same write goes through.
    let by_page = writer
        .client
        .call(
            "create_role",
            &[("account_id", account.as_str()), ("name", "From the page")],
        )
        .await;
    assert_eq!(by_page.status(), StatusCode::OK);
    let (status, body) = api(
        &server,
        &secret,
        "POST",
        &format!("/accounts/{account}/roles"),
        Some(json!({ "name": "From the key", "permissions": [] })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    // Without the rights, both doors refuse the same write.
    server.remove_member(&owner, &account, &writer).await;
    let by_page = writer
        .client
        .call(
            "create_role",
            &[("account_id", account.as_str()), ("name", "Too late")],
        )
        .await;
    assert_eq!(by_page.status(), StatusCode::NOT_FOUND);
    let (status, body) = api(
        &server,
        &secret,
        "POST",
        &format!("/accounts/{account}/roles"),
        Some(json!({ "name": "Too late too", "permissions": [] })),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
}
