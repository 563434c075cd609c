//! A user's own profile: their name, their password, and the places they are signed in.

use crate::support::{PASSWORD, TestServer};
use reqwest::StatusCode;

/// A second browser signed in as the same user.
async fn second_browser(server: &TestServer, email: &str) -> crate::support::ApiClient {
    let client = server.client();
    let signed_in = client
        .call("sign_in", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    client
}

async fn sessions(client: &crate::support::ApiClient) -> Vec<serde_json::Value> {
    let profile: serde_json::Value = client.call("my_profile", &[]).await.json().await.unwrap();
    profile["sessions"].as_array().unwrap().clone()
}

#[tokio::test]
async fn each_place_a_user_is_signed_in_is_listed_and_can_be_signed_out_from_another() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let laptop = second_browser(&server, &me.email).await;
    let listed = sessions(&me.client).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed.iter().filter(|s| s["current"] == true).count(), 1);
    let other = listed.iter().find(|s| s["current"] == false).unwrap();
    assert!(other["started_at"].as_str().unwrap().starts_with("20"));

    let ended = me
        .client
        .call(
            "end_session",
            &[("session_id", other["id"].as_str().unwrap())],
        )
        .await;
    assert_eq!(ended.status(), StatusCode::OK);
    // The lost laptop is signed out on its very next request; this browser is not.
    assert_eq!(laptop.whoami().await, serde_json::Value::Null);
    assert_eq!(me.client.whoami().await["email"], me.email.as_str());
    assert_eq!(sessions(&me.client).await.len(), 1);
}

#[tokio::test]
async fn nobody_can_sign_out_someone_elses_session() {
    let server = TestServer::start().await;
    let victim = server.person().await;
    let attacker = server.person().await;
    let theirs = sessions(&victim.client).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let refused = attacker
        .client
        .call("end_session", &[("session_id", &theirs)])
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(victim.client.whoami().await["email"], victim.email.as_str());
}

#[tokio::test]
async fn signing_out_everywhere_else_keeps_only_this_session() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let phone = second_browser(&server, &me.email).await;
    let tablet = second_browser(&server, &me.email).await;
    assert_eq!(sessions(&me.client).await.len(), 3);
    let done = me.client.call("end_other_sessions", &[]).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(phone.whoami().await, serde_json::Value::Null);
    assert_eq!(tablet.whoami().await, serde_json::Value::Null);
    assert_eq!(sessions(&me.client).await.len(), 1);
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_every_other_session() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let laptop = second_browser(&server, &me.email).await;
    let wrong = me
        .client
        .call(
            "change_password",
            &[
                ("current_password", "not my password"),
                ("new_password", "a brand new secret"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().await.unwrap().contains("current_password"));
    let short = me
        .client
        .call(
            "change_password",
            &[("current_password", PASSWORD), ("new_password", "short")],
        )
        .await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        laptop.whoami().await["email"],
        me.email.as_str(),
        "nothing changed yet"
    );

    let changed = me
        .client
        .call(
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new secret"),
            ],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(laptop.whoami().await, serde_json::Value::Null);
    assert_eq!(me.client.whoami().await["email"], me.email.as_str());
    let old = server
        .client()
        .call("sign_in", &[("email", &me.email), ("password", PASSWORD)])
        .await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = server
        .client()
        .call(
            "sign_in",
            &[("email", &me.email), ("password", "a brand new secret")],
        )
        .await;
    assert_eq!(new.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_display_name_change_is_validated_and_seen_on_the_next_request() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let blank = me
        .client
        .call("change_display_name", &[("display_name", "   ")])
        .await;
    assert_eq!(blank.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let saved = me
        .client
        .call("change_display_name", &[("display_name", " Grace Hopper ")])
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(me.client.whoami().await["display_name"], "Grace Hopper");
}

#[tokio::test]
async fn signing_out_forgets_the_session_and_signing_in_again_replaces_it() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let count = || {
        server.count(
            "SELECT count(*) FROM user_sessions WHERE user_id = $1",
            &me.user_id,
        )
    };
    assert_eq!(count().await, 1);
    me.client
        .call("sign_in", &[("email", &me.email), ("password", PASSWORD)])
        .await;
    assert_eq!(count().await, 1, "the same browser, one session");
    me.client.call("sign_out", &[]).await;
    assert_eq!(count().await, 0);
}

#[tokio::test]
async fn an_owner_cannot_delete_their_user_and_is_told_what_they_own() {
    let server = TestServer::start().await;
    let (_account, owner) = server.account("Owned Co").await;
    let refused = owner
        .client
        .call(
            "delete_my_user",
            &[
                ("confirm_email", owner.email.as_str()),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("Owned Co"));
    assert_eq!(
        server
            .count("SELECT count(*) FROM users WHERE id = $1", &owner.user_id)
            .await,
        1
    );
}

#[tokio::test]
async fn deleting_my_user_needs_my_address_then_leaves_every_account_and_keeps_my_name_in_the_logs()
{
    let server = TestServer::start().await;
    let (account, owner) = server.account("Left Co").await;
    let me = server.person().await;
    server.add_member(&account, &me).await;
    let laptop = second_browser(&server, &me.email).await;
    me.client
        .call("change_display_name", &[("display_name", "Leaving Person")])
        .await;
    // Something I did, recorded under my name.
    app::db::query(
        "INSERT INTO audit_events (account_id, actor_id, action, target_kind, target_id, target_name, details, created_at)
         VALUES ($1, $2, 'role.created', 'role', 'r1', 'Mine', '{}', '2026-01-01T00:00:00.000Z')",
    )
    .bind(&account)
    .bind(&me.user_id)
    .execute(&server.pool)
    .await
    .unwrap();

    let wrong = me
        .client
        .call(
            "delete_my_user",
            &[("confirm_email", "not-me@example.test")],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The address alone is not enough: an unattended browser must not delete anyone.
    let upper = me.email.to_uppercase();
    let without_password = me
        .client
        .call("delete_my_user", &[("confirm_email", upper.as_str())])
        .await;
    assert_eq!(without_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        without_password
            .text()
            .await
            .unwrap()
            .contains("current_password")
    );
    let deleted = me
        .client
        .call(
            "delete_my_user",
            &[
                ("confirm_email", upper.as_str()),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);

    assert_eq!(
        server
            .count("SELECT count(*) FROM users WHERE id = $1", &me.user_id)
            .await,
        0
    );
    assert_eq!(me.client.whoami().await, serde_json::Value::Null);
    assert_eq!(laptop.whoami().await, serde_json::Value::Null);
    let log: serde_json::Value = owner
        .client
        .call("audit_log", &[("account_id", &account)])
        .await
        .json()
        .await
        .unwrap();
    let rows = log["rows"].as_array().unwrap();
    let left = rows
        .iter()
        .find(|r| r["action"] == "member.left")
        .expect("member.left");
    assert_eq!(
        left["actor"],
        format!("Leaving Person <{}> (user deleted)", me.email).as_str()
    );
    let mine = rows
        .iter()
        .find(|r| r["action"] == "role.created" && r["target"] == "role: Mine")
        .unwrap();
    assert!(
        mine["actor"]
            .as_str()
            .unwrap()
            .starts_with("Leaving Person <")
    );
    let members: serde_json::Value = owner
        .client
        .call("members_page", &[("account_id", &account)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(members["total"], 1, "only the owner remains");
}
