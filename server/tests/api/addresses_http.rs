//! Verified addresses: the link mailed at sign-up, "Send again", invitations shown once the
//! address is verified, and moving to a new address only by the link sent there.

use crate::invitations_flow::open;
use crate::support::{PASSWORD, TestServer, unique_email};
use crate::world::Person;
use app::addresses::AddressLinkOutcome;
use reqwest::StatusCode;

async fn follow(
    client: &crate::support::ApiClient,
    function: &str,
    token: &str,
) -> AddressLinkOutcome {
    let response = client.call(function, &[("token", token)]).await;
    assert_eq!(response.status(), StatusCode::OK, "{function}");
    response.json().await.expect("an outcome")
}

async fn verified(person: &Person) -> bool {
    person.client.whoami().await["email_verified"] == true
}

#[tokio::test]
async fn signing_up_mails_a_single_use_link_stored_only_as_a_hash_that_verifies_the_address() {
    let server = TestServer::start().await;
    let me = server.person().await;
    assert!(!verified(&me).await);
    let token = server.wait_for_link(&me.email, "/verify-address/", 1).await;
    let stored: Vec<(Vec<u8>, Option<String>)> = app::db::query_as(
        "SELECT token_hash, email FROM user_tokens WHERE user_id = $1 AND purpose = 'verify_address'",
    )
    .bind(&me.user_id)
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].0.len(), 32);
    assert!(!String::from_utf8_lossy(&stored[0].0).contains(&token));
    assert_eq!(stored[0].1.as_deref(), Some(me.email.as_str()));

    // The link works for the user it was sent for, signed in, by a POST from its page.
    let outcome = follow(&me.client, "verify_address", &token).await;
    assert_eq!(
        outcome,
        AddressLinkOutcome::Verified {
            email: me.email.clone()
        }
    );
    assert!(verified(&me).await);
    // Followed again it is used up, and says the truth: the address is verified.
    assert_eq!(
        follow(&me.client, "verify_address", &token).await,
        AddressLinkOutcome::Verified {
            email: me.email.clone()
        }
    );
    let used: i64 = server
        .count(
            "SELECT count(*) FROM user_tokens WHERE user_id = $1 AND used_at IS NOT NULL",
            &me.user_id,
        )
        .await;
    assert_eq!(used, 1);
}

#[tokio::test]
async fn an_expired_or_made_up_verification_link_verifies_nothing() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let token = server.wait_for_link(&me.email, "/verify-address/", 1).await;
    app::db::query(
        "UPDATE user_tokens SET expires_at = '2020-01-01T00:00:00.000Z' WHERE user_id = $1",
    )
    .bind(&me.user_id)
    .execute(&server.pool)
    .await
    .unwrap();
    assert_eq!(
        follow(&me.client, "verify_address", &token).await,
        AddressLinkOutcome::Dead
    );
    assert_eq!(
        follow(&me.client, "verify_address", "not-a-token").await,
        AddressLinkOutcome::Dead
    );
    assert!(!verified(&me).await);
    // The page says so too, with a status of 200 and no crash.
    let page = me.client.get(&format!("/verify-address/{token}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("This link no longer works")
    );
}

#[tokio::test]
async fn send_again_is_rate_limited_and_its_new_link_replaces_the_old_one() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let first = server.wait_for_link(&me.email, "/verify-address/", 1).await;
    // Right after sign-up's mail: refused, with how long to wait.
    let refused = me
        .client
        .call("send_verification_again", &[("next", "/profile")])
        .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().get("retry-after").is_some());
    assert_eq!(server.mails_to(&me.email).len(), 1);

    app::db::query(
        "UPDATE user_tokens SET created_at = '2020-01-01T00:00:00.000Z' WHERE user_id = $1",
    )
    .bind(&me.user_id)
    .execute(&server.pool)
    .await
    .unwrap();
    let sent = me
        .client
        .call("send_verification_again", &[("next", "/profile")])
        .await;
    assert_eq!(sent.status(), StatusCode::OK);
    let second = server.wait_for_link(&me.email, "/verify-address/", 2).await;
    assert_ne!(first, second);
    assert_eq!(
        follow(&me.client, "verify_address", &first).await,
        AddressLinkOutcome::Dead
    );
    assert_eq!(
        follow(&me.client, "verify_address", &second).await,
        AddressLinkOutcome::Verified {
            email: me.email.clone()
        }
    );
    let again = me.client.call("send_verification_again", &[]).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_verified_address_vouches_only_for_invitations_sent_after_it_was_verified() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Verified Co").await;
    let (later_account, later_owner) = server.account("Later Co").await;
    let me = server.person().await;
    let (earlier, _token) = server.invite_one(&owner, &account, &me.email, &[]).await;
    let banner = |person: &Person| {
        let client = person.client.clone();
        async move {
            let value: serde_json::Value = client
                .call("my_invitations", &[])
                .await
                .json()
                .await
                .unwrap();
            value
        }
    };
    assert_eq!(banner(&me).await[0]["may_answer"], false);
    assert_eq!(banner(&me).await[0]["account_name"], "");

    let token = server.wait_for_link(&me.email, "/verify-address/", 1).await;
    follow(&me.client, "verify_address", &token).await;
    // Sent before the address was proven: whoever proved it later may not be whom it named.
    let shown = banner(&me).await;
    assert_eq!(shown[0]["may_answer"], false);
    assert_eq!(shown[0]["account_name"], "");
    let refused = me
        .client
        .call("accept_invitation", &[("invitation_id", earlier.as_str())])
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(!server.is_member(&account, &me.user_id).await);

    // Sent after: the verified address is proof enough to answer from the banner.
    let (later, _) = server
        .invite_one(&later_owner, &later_account, &me.email, &[])
        .await;
    let shown = banner(&me).await;
    let entry = shown
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["account_name"] == "Later Co")
        .expect("the later invitation, disclosed");
    assert_eq!(entry["may_answer"], true);
    let accepted = me
        .client
        .call("accept_invitation", &[("invitation_id", later.as_str())])
        .await;
    assert_eq!(accepted.status(), StatusCode::OK);
    assert!(server.is_member(&later_account, &me.user_id).await);
}

#[tokio::test]
async fn following_an_invitation_link_verifies_the_address_it_was_sent_to() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Link Co").await;
    let me = server.person().await;
    let (_, token) = server.invite_one(&owner, &account, &me.email, &[]).await;
    assert!(!verified(&me).await);
    open(&me.client, &token).await;
    assert!(verified(&me).await);
}

#[tokio::test]
async fn signing_up_from_an_invitation_link_verifies_the_address_without_a_mail() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Join Co").await;
    let email = unique_email();
    let (_, token) = server.invite_one(&owner, &account, &email, &[]).await;
    let client = server.client();
    let next = format!("/invitations/{token}");
    let response = client
        .call(
            "sign_up",
            &[
                ("email", email.as_str()),
                ("display_name", "Invited"),
                ("password", PASSWORD),
                ("next", next.as_str()),
            ],
        )
        .await;
    assert!(response.status().is_success());
    assert_eq!(client.whoami().await["email_verified"], true);
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM user_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1 AND t.purpose = 'verify_address'",
                &email
            )
            .await,
        0,
        "no verification link is made"
    );
}

#[tokio::test]
async fn a_new_address_needs_the_password_and_changes_only_when_its_link_is_followed() {
    let server = TestServer::start().await;
    let (account, me) = server.account("Move Co").await;
    let new_email = unique_email();
    let wrong = me
        .client
        .call(
            "change_address",
            &[
                ("new_email", new_email.as_str()),
                ("current_password", "not it at all"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let same = me
        .client
        .call(
            "change_address",
            &[
                ("new_email", me.email.as_str()),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(same.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let asked = me
        .client
        .call(
            "change_address",
            &[
                ("new_email", new_email.as_str()),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(asked.status(), StatusCode::OK);
    let token = server
        .wait_for_link(&new_email, "/confirm-address/", 1)
        .await;
    // Until the link is followed nothing changes: the old address signs in, the new one not.
    assert_eq!(me.client.whoami().await["email"], me.email.as_str());
    let profile: serde_json::Value = me
        .client
        .call("my_profile", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile["address_change"]["email"], new_email.as_str());
    let early = server
        .client()
        .call("sign_in", &[("email", &new_email), ("password", PASSWORD)])
        .await;
    assert_eq!(early.status(), StatusCode::UNAUTHORIZED);

    let outcome = follow(&me.client, "confirm_address", &token).await;
    assert_eq!(
        outcome,
        AddressLinkOutcome::Moved {
            email: new_email.clone()
        }
    );
    let now = me.client.whoami().await;
    assert_eq!(now["email"], new_email.as_str());
    assert_eq!(now["email_verified"], true);
    let notice = server.wait_for_mail(&me.email, 2).await;
    assert!(notice.raw.contains("Your Roster address was changed"));
    assert!(notice.raw.contains(&new_email));
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM audit_events WHERE account_id = $1 AND action = 'user.address_changed'",
                &account
            )
            .await,
        1
    );
    let signed_in = server
        .client()
        .call("sign_in", &[("email", &new_email), ("password", PASSWORD)])
        .await;
    assert!(signed_in.status().is_success());
    // Used once; followed again it tells the truth and moves nothing.
    assert_eq!(
        follow(&me.client, "confirm_address", &token).await,
        AddressLinkOutcome::Moved {
            email: new_email.clone()
        }
    );
}

#[tokio::test]
async fn an_address_that_has_a_user_gets_a_notice_and_no_link() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let other = server.person().await;
    let asked = me
        .client
        .call(
            "change_address",
            &[
                ("new_email", other.email.as_str()),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        asked.status(),
        StatusCode::OK,
        "the same answer as for a free address"
    );
    let notice = server.wait_for_mail(&other.email, 2).await;
    assert!(notice.raw.contains("already has a Roster user"));
    assert!(notice.link_token("/confirm-address/").is_none());
    assert_eq!(me.client.whoami().await["email"], me.email.as_str());
}

#[tokio::test]
async fn a_link_to_an_address_taken_meanwhile_changes_nothing_and_asking_again_is_limited() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let new_email = unique_email();
    me.client
        .call(
            "change_address",
            &[
                ("new_email", new_email.as_str()),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    let token = server
        .wait_for_link(&new_email, "/confirm-address/", 1)
        .await;
    let again = me
        .client
        .call(
            "change_address",
            &[
                ("new_email", unique_email().as_str()),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    server.person_with_email(&new_email).await;
    assert_eq!(
        follow(&me.client, "confirm_address", &token).await,
        AddressLinkOutcome::Taken {
            email: new_email.clone()
        }
    );
    assert_eq!(me.client.whoami().await["email"], me.email.as_str());
}

/// What a mail scanner or a link preview does: fetch the link, signed out, with GET and HEAD.
async fn scan(server: &TestServer, path: &str) {
    let scanner = reqwest::Client::new();
    let url = format!("{}{path}", server.base_url);
    assert_eq!(
        scanner.get(&url).send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        scanner.head(&url).send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_mail_scanner_fetching_a_verification_link_verifies_nothing_and_only_its_user_can() {
    let server = TestServer::start().await;
    // Someone signs up with an address that is not theirs; the mail goes to its real holder,
    // whose gateway fetches the link.
    let squatter = server.person().await;
    let token = server
        .wait_for_link(&squatter.email, "/verify-address/", 1)
        .await;
    let page = format!("/verify-address/{token}");
    scan(&server, &page).await;
    assert!(!verified(&squatter).await);
    let signed_out = server.client().get(&page).await.text().await.unwrap();
    assert!(signed_out.contains("Sign in to continue"), "{signed_out}");
    assert!(!signed_out.contains("Verify my address"));

    // The real holder of the address, signed in as someone else, cannot use it either.
    let reader = server.person().await;
    assert_eq!(
        follow(&reader.client, "verify_address", &token).await,
        AddressLinkOutcome::NotYours
    );
    assert!(!verified(&squatter).await);
    assert!(
        !reader
            .client
            .get(&page)
            .await
            .text()
            .await
            .unwrap()
            .contains("Verify my address")
    );

    // Signed out, the POST itself is refused.
    let refused = server
        .client()
        .call("verify_address", &[("token", &token)])
        .await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(!verified(&squatter).await);

    // Its own user sees the button on the page, and pressing it verifies.
    let own = squatter.client.get(&page).await.text().await.unwrap();
    assert!(own.contains("Verify my address") && own.contains("action=\"/api/verify_address\""));
    follow(&squatter.client, "verify_address", &token).await;
    assert!(verified(&squatter).await);
}

#[tokio::test]
async fn a_mail_scanner_fetching_an_address_change_link_moves_nobody_and_old_reset_links_die() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let reset = me
        .client
        .call("request_password_reset", &[("email", me.email.as_str())])
        .await;
    assert!(reset.status().is_success());
    let new_email = unique_email();
    let asked = me
        .client
        .call(
            "change_address",
            &[
                ("new_email", new_email.as_str()),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(asked.status(), StatusCode::OK);
    let token = server
        .wait_for_link(&new_email, "/confirm-address/", 1)
        .await;
    scan(&server, &format!("/confirm-address/{token}")).await;
    assert_eq!(me.client.whoami().await["email"], me.email.as_str());
    let someone = server.person().await;
    assert_eq!(
        follow(&someone.client, "confirm_address", &token).await,
        AddressLinkOutcome::NotYours
    );
    assert_eq!(me.client.whoami().await["email"], me.email.as_str());

    follow(&me.client, "confirm_address", &token).await;
    assert_eq!(me.client.whoami().await["email"], new_email.as_str());
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM user_tokens WHERE user_id = $1 AND purpose = 'password_reset' AND used_at IS NULL",
                &me.user_id
            )
            .await,
        0,
        "the reset link mailed to the old address no longer works"
    );
}
