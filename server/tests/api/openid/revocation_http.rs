//! Revocation felt at once: refresh rotation and reuse, removal and role changes, revocation,
//! sign-out with back-channel logout, and RP-initiated logout.

use super::*;
use reqwest::StatusCode;

#[tokio::test]
async fn a_refresh_rotates_the_token_and_a_reused_one_ends_the_whole_family() {
    let provider = Provider::start().await;
    let (account, owner) = provider.server.account("Rotation Co").await;
    let tokens = provider.tokens_for(&owner, &account).await;
    let first = tokens["refresh_token"].as_str().unwrap();
    let rotated = provider.refresh(first).await;
    assert_eq!(rotated.status(), StatusCode::OK);
    let rotated: serde_json::Value = rotated.json().await.unwrap();
    let second = rotated["refresh_token"].as_str().unwrap();
    assert_ne!(first, second);
    assert_eq!(
        claims_of(rotated["access_token"].as_str().unwrap())["account_id"],
        account.as_str()
    );
    // The first token again: a thief or a replay. The family ends, the newest token too.
    let reused = provider.refresh(first).await;
    assert_eq!(reused.status(), StatusCode::BAD_REQUEST);
    let newest = provider.refresh(second).await;
    assert_eq!(newest.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = newest.json().await.unwrap();
    assert_eq!(body["error"], "invalid_grant");
    assert_eq!(
        provider
            .introspect(rotated["access_token"].as_str().unwrap())
            .await["active"],
        false
    );
}

#[tokio::test]
async fn a_role_change_or_removal_is_felt_by_the_next_refresh_and_introspection_at_once() {
    let provider = Provider::start().await;
    let server = &provider.server;
    let (account, owner) = server.account("Felt Co").await;
    let member = server.person().await;
    server.add_member(&account, &member).await;
    let tokens = provider.tokens_for(&member, &account).await;
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    assert_eq!(claims_of(&access)["roles"], serde_json::json!(["Base"]));
    assert_eq!(provider.introspect(&access).await["active"], true);
    let admin = server.builtin_role_id(&account, "admin").await;
    let changed = owner
        .client
        .call(
            "set_member_roles",
            &[
                ("account_id", account.as_str()),
                ("user_id", member.user_id.as_str()),
                ("roles[]", admin.as_str()),
            ],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(
        provider.introspect(&access).await["active"],
        false,
        "its roles changed"
    );
    let refreshed: serde_json::Value = provider
        .refresh(tokens["refresh_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    let now = refreshed["access_token"].as_str().unwrap();
    assert_eq!(
        claims_of(now)["roles"],
        serde_json::json!(["Admin", "Base"])
    );
    assert_eq!(provider.introspect(now).await["active"], true);
    server.remove_member(&owner, &account, &member).await;
    assert_eq!(provider.introspect(now).await["active"], false, "removed");
    let after = provider
        .refresh(refreshed["refresh_token"].as_str().unwrap())
        .await;
    assert_eq!(after.status(), StatusCode::BAD_REQUEST);
    let userinfo = reqwest::Client::new()
        .get(format!("{}/oauth/userinfo", server.base_url))
        .bearer_auth(now)
        .send()
        .await
        .unwrap();
    assert_eq!(userinfo.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_revoked_refresh_token_ends_its_grant_and_other_clients_cannot_revoke_it() {
    let provider = Provider::start().await;
    let (account, owner) = provider.server.account("Revoked Co").await;
    let tokens = provider.tokens_for(&owner, &account).await;
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let by_other = provider
        .post_as("third", "/oauth/revoke", &[("token", refresh)])
        .await;
    assert_eq!(
        by_other.status(),
        StatusCode::OK,
        "the same answer for any token"
    );
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(provider.introspect(access).await["active"], true);
    let revoked = provider
        .post_as("app", "/oauth/revoke", &[("token", access)])
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    assert_eq!(provider.introspect(access).await["active"], false);
    assert_eq!(
        provider.refresh(refresh).await.status(),
        StatusCode::BAD_REQUEST
    );
    let unknown = provider
        .post_as("app", "/oauth/revoke", &[("token", "nonsense")])
        .await;
    assert_eq!(unknown.status(), StatusCode::OK);
}

/// A product's back-channel logout endpoint: every logout token it receives.
async fn listener() -> (String, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    let app = axum::Router::new().route(
        "/logout",
        axum::routing::post(move |body: axum::body::Bytes| {
            let sender = sender.clone();
            async move {
                let token = form_urlencoded::parse(&body)
                    .find(|(name, _)| name == "logout_token")
                    .map(|(_, value)| value.into_owned())
                    .unwrap_or_default();
                let _ = sender.send(token);
                StatusCode::OK
            }
        }),
    );
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = socket.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(socket, app).await });
    (format!("http://{address}/logout"), receiver)
}

#[tokio::test]
async fn signing_out_of_roster_ends_the_grant_and_the_product_hears_by_back_channel() {
    let (uri, mut received) = listener().await;
    let provider = Provider::start_with(|_| {}, Some(uri)).await;
    let (account, owner) = provider.server.account("Heard Co").await;
    let tokens = provider.tokens_for(&owner, &account).await;
    let id = claims_of(tokens["id_token"].as_str().unwrap());
    let out = owner.client.call("sign_out", &[]).await;
    assert!(out.status().is_success() || out.status().is_redirection());
    let token = tokio::time::timeout(std::time::Duration::from_secs(20), received.recv())
        .await
        .expect("a logout token within 20 s")
        .unwrap();
    let logout = claims_of(&token);
    assert_eq!(logout["sub"], owner.user_id.as_str());
    assert_eq!(logout["sid"], id["sid"]);
    assert_eq!(logout["aud"], "app");
    assert!(logout["events"]["http://schemas.openid.net/event/backchannel-logout"].is_object());
    assert!(logout.get("nonce").is_none());
    assert_eq!(
        jsonwebtoken::decode_header(&token).unwrap().typ.as_deref(),
        Some("logout+jwt")
    );
    let refreshed = provider
        .refresh(tokens["refresh_token"].as_str().unwrap())
        .await;
    assert_eq!(refreshed.status(), StatusCode::BAD_REQUEST);
    // Ended and told, the grant is forgotten by the minute's sweep.
    let mut left = 1;
    for _ in 0..50 {
        app::oauth::sweep(&provider.server.state.writer)
            .await
            .unwrap();
        left = provider
            .server
            .count(
                "SELECT count(*) FROM oauth_grants WHERE user_id = $1",
                &owner.user_id,
            )
            .await;
        if left == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(left, 0);
}

#[tokio::test]
async fn a_product_signs_the_person_out_of_roster_and_gets_them_back_at_its_registered_address() {
    let provider = Provider::start().await;
    let (account, owner) = provider.server.account("Bye Co").await;
    let tokens = provider.tokens_for(&owner, &account).await;
    let hint = tokens["id_token"].as_str().unwrap();
    let unregistered = owner
        .client
        .get(&format!(
            "/oauth/logout?id_token_hint={hint}&post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F"
        ))
        .await;
    assert_eq!(
        location(&unregistered),
        "/oauth/problem?reason=unregistered_redirect"
    );
    assert_eq!(
        owner.client.whoami().await["id"],
        owner.user_id.as_str(),
        "still signed in"
    );
    let without_hint = owner.client.get("/oauth/logout").await;
    assert_eq!(
        location(&without_hint),
        "/oauth/problem?reason=logout_unconfirmed"
    );
    let bye = owner
        .client
        .get(&format!(
            "/oauth/logout?id_token_hint={hint}&post_logout_redirect_uri={}&state=s1",
            form_urlencoded::byte_serialize(BYE.as_bytes()).collect::<String>()
        ))
        .await;
    let to = location(&bye);
    assert!(to.starts_with(BYE), "{to}");
    assert_eq!(query_of(&to)["state"], "s1");
    assert_eq!(owner.client.whoami().await, serde_json::Value::Null);
    assert_eq!(
        provider
            .refresh(tokens["refresh_token"].as_str().unwrap())
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
}
