//! Passkeys over HTTP, up to where an authenticator must answer (Chromium's virtual
//! authenticator answers in the browser tests): what the ceremonies ask of the browser, and
//! that an answer out of turn, unreadable or too big changes nothing.

use crate::support::TestServer;
use reqwest::StatusCode;

#[tokio::test]
async fn adding_a_passkey_asks_for_a_discoverable_credential_verified_by_the_device() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let options: String = me
        .client
        .call("begin_passkey_registration", &[])
        .await
        .json()
        .await
        .unwrap();
    let options: serde_json::Value = serde_json::from_str(&options).unwrap();
    let key = &options["publicKey"];
    assert_eq!(
        key["rp"]["id"], "localhost",
        "the public URL's host, a loopback address named as browsers accept it"
    );
    assert_eq!(key["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(
        key["authenticatorSelection"]["userVerification"],
        "required"
    );
    assert!(key["challenge"].as_str().unwrap().len() >= 43, "≥ 256 bits");
    assert_eq!(key["user"]["name"], me.email.as_str());

    let sign_in: String = server
        .client()
        .call("begin_passkey_sign_in", &[("next", "/accounts")])
        .await
        .json()
        .await
        .unwrap();
    let sign_in: serde_json::Value = serde_json::from_str(&sign_in).unwrap();
    assert_eq!(sign_in["publicKey"]["userVerification"], "required");
    assert!(
        sign_in["publicKey"]["allowCredentials"]
            .as_array()
            .is_none_or(Vec::is_empty),
        "names nobody: the browser offers what it holds"
    );
}

#[tokio::test]
async fn an_answer_out_of_turn_unreadable_or_too_big_changes_nothing() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let stranger = server.client();
    // Out of turn: no ceremony was begun in this browser.
    let well_formed = serde_json::json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": { "clientDataJSON": "AAAA", "authenticatorData": "AAAA", "signature": "AAAA", "userHandle": "AAAA" },
        "extensions": {}
    })
    .to_string();
    let out_of_turn = stranger
        .call("finish_passkey_sign_in", &[("credential", &well_formed)])
        .await;
    assert_eq!(out_of_turn.status(), StatusCode::CONFLICT);
    // Begun, then answered with what no authenticator signed.
    stranger
        .call("begin_passkey_sign_in", &[("next", "/")])
        .await;
    let forged = stranger
        .call("finish_passkey_sign_in", &[("credential", &well_formed)])
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(stranger.whoami().await, serde_json::Value::Null);
    let huge = "x".repeat(70 * 1024);
    for (answer, refused_with) in [
        ("{}", StatusCode::UNPROCESSABLE_ENTITY),
        ("not json", StatusCode::UNPROCESSABLE_ENTITY),
        // The body's cap answers before anything reads it.
        (huge.as_str(), StatusCode::PAYLOAD_TOO_LARGE),
    ] {
        let refused = me
            .client
            .call(
                "finish_passkey_registration",
                &[("name", "Laptop"), ("credential", answer)],
            )
            .await;
        assert_eq!(refused.status(), refused_with);
    }
    let unnamed = me
        .client
        .call(
            "finish_passkey_registration",
            &[("name", "  "), ("credential", "{}")],
        )
        .await;
    assert_eq!(unnamed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM passkeys WHERE user_id = $1",
                &me.user_id
            )
            .await,
        0
    );
    // Without a password-checked sign-in waiting, the second step offers nothing.
    let second = stranger.call("begin_passkey_second_step", &[]).await;
    assert_eq!(second.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_user_with_a_passkey_gets_the_second_step_after_the_password() {
    let server = TestServer::start().await;
    let me = server.person().await;
    app::db::query(
        "INSERT INTO passkeys (id, user_id, name, credential_id, credential, created_at)
         VALUES ($1, $2, 'Laptop', $3, '{}', '2026-12-07T00:00:00.000Z')",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&me.user_id)
    .bind(uuid::Uuid::new_v4().as_bytes().repeat(2))
    .execute(&server.pool)
    .await
    .unwrap();
    let browser = server.client();
    browser
        .call(
            "sign_in",
            &[("email", &me.email), ("password", crate::support::PASSWORD)],
        )
        .await;
    assert_eq!(browser.whoami().await, serde_json::Value::Null);
    let offer: serde_json::Value = browser
        .call("second_step_waits", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        offer,
        serde_json::json!({ "authenticator": false, "passkey": true })
    );
}
