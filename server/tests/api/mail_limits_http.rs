//! Invitation mail is limited: a cooldown per invitation, hourly caps per account and user.

use crate::support::{TestServer, unique_email};
use reqwest::StatusCode;

async fn resend(
    server: &TestServer,
    by: &crate::world::Person,
    account: &str,
    id: &str,
) -> reqwest::Response {
    let _ = server;
    by.client
        .call(
            "resend_invitation",
            &[("account_id", account), ("invitation_id", id)],
        )
        .await
}

#[tokio::test]
async fn an_invitation_is_not_sent_again_within_the_cooldown() {
    let server = TestServer::start_with(|config| config.resend_cooldown_minutes = 10).await;
    let (account, owner) = server.account("Cooldown Co").await;
    let email = unique_email();
    let (invitation, _) = server.invite_one(&owner, &account, &email, &[]).await;
    let refused = resend(&server, &owner, &account, &invitation).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    let body: serde_json::Value = refused.json().await.unwrap();
    assert!(
        body["TooManyRequests"]["message"]
            .as_str()
            .unwrap()
            .contains("can be sent again after"),
        "{body}"
    );
    // Later, it can be sent again.
    app::db::query("UPDATE invitations SET sent_at = '2026-01-01T00:00:00.000Z' WHERE id = $1")
        .bind(&invitation)
        .execute(&server.pool)
        .await
        .unwrap();
    assert_eq!(
        resend(&server, &owner, &account, &invitation)
            .await
            .status(),
        StatusCode::OK
    );
    server.wait_for_mail(&email, 2).await;
}

#[tokio::test]
async fn an_account_over_its_hourly_mail_cap_is_refused_with_when_and_the_refusal_is_audited() {
    let server =
        TestServer::start_with(|config| config.invitation_mails_per_account_hour = 3).await;
    let (account, owner) = server.account("Capped Co").await;
    let three: Vec<String> = (0..3).map(|_| unique_email()).collect();
    let results = server.invite(&owner, &account, &three.join(" "), &[]).await;
    assert_eq!(results.len(), 3);
    let refused = server
        .try_invite(&owner, &account, &unique_email(), &[])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = refused.json().await.unwrap();
    let message = body["Validation"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("hourly limit") && message.contains("UTC"),
        "{message}"
    );
    let audited = server
        .count(
            "SELECT count(*) FROM audit_events WHERE account_id = $1 AND action = 'invitation.mail_limit_reached'",
            &account,
        )
        .await;
    assert_eq!(audited, 1);
    let id = server.invitation_id(&account, &three[0]).await;
    assert_eq!(
        resend(&server, &owner, &account, &id).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn one_user_over_their_hourly_cap_is_refused_in_every_account() {
    let server = TestServer::start_with(|config| config.invitation_mails_per_user_hour = 2).await;
    let (first, owner) = server.account("First").await;
    server
        .invite(
            &owner,
            &first,
            &format!("{} {}", unique_email(), unique_email()),
            &[],
        )
        .await;
    let response = owner
        .client
        .call("create_account", &[("name", "Second")])
        .await;
    let second: String = response.json().await.unwrap();
    let refused = server
        .try_invite(&owner, &second, &unique_email(), &[])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn keys_in_more_accounts_never_multiply_their_makers_hourly_cap() {
    let server = TestServer::start_with(|config| config.invitation_mails_per_user_hour = 2).await;
    let (first, owner) = server.account("Keyed First").await;
    server.invite(&owner, &first, &unique_email(), &[]).await;
    let second: String = owner
        .client
        .call("create_account", &[("name", "Keyed Second")])
        .await
        .json()
        .await
        .unwrap();
    let key = crate::keys::create_key(&owner.client, &second, &["write:invites"]).await;
    let invitations = format!("/accounts/{second}/invitations");
    let one = serde_json::json!({ "emails": [unique_email()] });
    let (status, _) = crate::keys::api(&server, &key, "POST", &invitations, Some(one)).await;
    assert_eq!(status, StatusCode::OK, "the second mail of the hour");
    let third: String = owner
        .client
        .call("create_account", &[("name", "Keyed Third")])
        .await
        .json()
        .await
        .unwrap();
    let other_key = crate::keys::create_key(&owner.client, &third, &["write:invites"]).await;
    let more = serde_json::json!({ "emails": [unique_email()] });
    let path = format!("/accounts/{third}/invitations");
    let (status, problem) = crate::keys::api(&server, &other_key, "POST", &path, Some(more)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    // And the maker, signed in, is over the cap too.
    let refused = server
        .try_invite(&owner, &first, &unique_email(), &[])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
