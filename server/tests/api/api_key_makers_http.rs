//! A key acts as its maker's delegate: once the maker is removed, demoted or gone it answers 403
//! saying why, the keys page marks it suspended, and an admin may adopt it within their rights.

use crate::keys::{admin_in, api, create_key};
use crate::support::{TestServer, unique_email};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn keys_view(viewer: &crate::support::ApiClient, account: &str) -> Value {
    viewer
        .call("api_keys", &[("account_id", account)])
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_removed_makers_key_is_refused_saying_why_until_an_admin_adopts_it() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Delegates Co").await;
    let maker = admin_in(&server, &account).await;
    let key = create_key(&maker.client, &account, &["delete:users", "write:invites"]).await;
    let victim = server.person().await;
    server.add_member(&account, &victim).await;

    server.remove_member(&owner, &account, &maker).await;

    let members = format!("/accounts/{account}/members/{}", victim.user_id);
    let (status, problem) = api(&server, &key, "DELETE", &members, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("no longer in the account"),
        "{problem}"
    );
    let invite = json!({ "emails": [unique_email()] });
    let invitations = format!("/accounts/{account}/invitations");
    let (status, _) = api(&server, &key, "POST", &invitations, Some(invite.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM memberships WHERE user_id = $1",
                &victim.user_id
            )
            .await,
        1,
        "the victim is still a member"
    );

    let view = keys_view(&owner.client, &account).await;
    assert!(
        view["keys"][0]["suspended"]
            .as_str()
            .unwrap()
            .contains("suspended"),
        "{view}"
    );
    let key_id = view["keys"][0]["id"].as_str().unwrap().to_owned();
    let adopted = owner
        .client
        .call(
            "adopt_api_key",
            &[("account_id", &account), ("key_id", &key_id)],
        )
        .await;
    assert_eq!(
        adopted.status(),
        StatusCode::OK,
        "{}",
        adopted.text().await.unwrap()
    );
    assert!(keys_view(&owner.client, &account).await["keys"][0]["suspended"].is_null());
    let (status, _) = api(&server, &key, "POST", &invitations, Some(invite)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        server
            .count("SELECT count(*) FROM audit_events WHERE account_id = $1 AND action = 'api_key.adopted'", &account)
            .await,
        1
    );
}

#[tokio::test]
async fn a_demoted_makers_key_names_the_permission_they_lost_and_nobody_adopts_beyond_their_rights()
{
    let server = TestServer::start().await;
    let (account, owner) = server.account("Demoted Co").await;
    let maker = admin_in(&server, &account).await;
    let key = create_key(&maker.client, &account, &["delete:users"]).await;
    let view = keys_view(&owner.client, &account).await;
    let key_id = view["keys"][0]["id"].as_str().unwrap().to_owned();

    // Demoted to Base: no role left but the implicit one.
    app::db::query("DELETE FROM member_roles WHERE account_id = $1 AND user_id = $2")
        .bind(&account)
        .bind(&maker.user_id)
        .execute(&server.pool)
        .await
        .unwrap();
    let (status, problem) = api(&server, &key, "GET", &format!("/accounts/{account}"), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("delete:users"),
        "{problem}"
    );

    // Someone with write:api_keys but not delete:users cannot take it over.
    let keeper = server
        .member_with(&account, &[app::permissions::Permission::WriteApiKeys])
        .await;
    let refused = keeper
        .client
        .call(
            "adopt_api_key",
            &[("account_id", &account), ("key_id", &key_id)],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("delete:users"));

    // Deleting the maker's user leaves the key suspended as well (its maker is gone).
    let deleted = maker
        .client
        .call(
            "delete_my_user",
            &[
                ("confirm_email", maker.email.as_str()),
                ("current_password", crate::support::PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        deleted.status(),
        StatusCode::OK,
        "{}",
        deleted.text().await.unwrap()
    );
    let (status, problem) = api(&server, &key, "GET", &format!("/accounts/{account}"), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("no longer in the account")
    );
}
