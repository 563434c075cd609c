//! What the recipient's server answered, a link handed over, the one reminder, and a corrected
//! address.

use super::{account_page, delivery, wait_for_delivery};
use crate::smtp_listener::SmtpListener;
use crate::support::{TestServer, unique_email};
use crate::webhooks_http::{add_endpoint, listener};
use reqwest::StatusCode;
use serde_json::Value;
use std::time::Duration;

#[tokio::test]
async fn each_invitation_shows_what_the_recipients_server_answered_and_a_refusal_is_announced_once()
{
    let smtp = SmtpListener::start_scripted();
    let server = TestServer::start_with(|config| {
        config.smtp_host = Some("127.0.0.1".into());
        config.smtp_port = smtp.port;
        config.smtp_tls = server::mail::SmtpTls::None;
        config.mail_retry_secs = 1;
        config.allow_private_webhooks = true;
        config.webhook_poll_ms = 100;
    })
    .await;
    let (account, owner) = server.account("Followed Co").await;
    let (url, received) = listener(vec![]).await;
    add_endpoint(
        &owner.client,
        &account,
        &url,
        &["invitation.delivery_failed"],
    )
    .await;
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let (taken, deferred, refused) = (
        format!("taken-{tag}@example.org"),
        format!("later-{tag}@example.org"),
        format!("refuse-{tag}@example.org"),
    );
    server
        .invite(
            &owner,
            &account,
            &format!("{taken} {deferred} {refused}"),
            &[],
        )
        .await;
    let id = |email: String| {
        let server = &server;
        let account = &account;
        async move { server.invitation_id(account, &email).await }
    };
    let (taken_id, deferred_id, refused_id) =
        (id(taken).await, id(deferred).await, id(refused).await);

    let (_, detail, _, _) = wait_for_delivery(&server, &taken_id, "sent").await;
    let detail = detail.unwrap();
    assert!(detail.starts_with("250 2.0.0 Ok: queued as "), "{detail}");

    let (_, detail, _, _) = wait_for_delivery(&server, &refused_id, "failed").await;
    let detail = detail.unwrap();
    assert!(detail.starts_with("550"), "{detail}");
    assert!(detail.contains("User unknown"), "{detail}");

    // 451 first: deferred, with the server's words and the next try; then taken on the retry.
    let (_, detail, retry_at, _) = wait_for_delivery(&server, &deferred_id, "deferred").await;
    assert!(detail.unwrap().starts_with("451"));
    assert!(retry_at.is_some());
    let (_, detail, retry_at, _) = wait_for_delivery(&server, &deferred_id, "sent").await;
    assert!(detail.unwrap().starts_with("250"));
    assert_eq!(retry_at, None);
    smtp.wait_for(&format!("DEFERRED later-{tag}")).await;

    // The page says it in the row, with what the server said, and offers another address.
    let html = account_page(&owner.client, &account).await;
    assert!(html.contains("Mail accepted: 250 2.0.0 Ok: queued as"));
    assert!(html.contains("Mail refused: 550"));
    assert!(html.contains(&format!(
        "Edit address and resend the invitation to refuse-{tag}@example.org"
    )));
    // The API too.
    let key = crate::keys::create_key(&owner.client, &account, &["read:invites"]).await;
    let (status, listed) = crate::keys::api(
        &server,
        &key,
        "GET",
        &format!("/accounts/{account}/invitations"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let refused_row = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["id"] == refused_id.as_str())
        .expect("listed");
    assert_eq!(refused_row["delivery"]["status"], "failed");
    assert!(
        refused_row["delivery"]["detail"]
            .as_str()
            .unwrap()
            .starts_with("550")
    );

    // One webhook for the one refusal.
    let requests = received.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let failures: Vec<Value> = received
        .all()
        .iter()
        .map(|(_, body)| serde_json::from_str(body).unwrap())
        .collect();
    assert_eq!(failures.len(), 1, "{failures:?}");
    let event: Value = serde_json::from_str(&requests[0].1).unwrap();
    assert_eq!(event["type"], "invitation.delivery_failed");
    assert_eq!(event["data"]["target"]["id"], refused_id.as_str());
    assert!(
        event["data"]["details"]["reason"]
            .as_str()
            .unwrap()
            .starts_with("550")
    );
}

/// The link shown once on the page after "Copy link".
async fn copied_link(
    server: &TestServer,
    owner: &crate::world::Person,
    account: &str,
    id: &str,
) -> String {
    let copied = owner
        .client
        .call(
            "copy_invitation_link",
            &[
                ("account_id", account),
                ("invitation_id", id),
                ("return_to", &format!("/accounts/{account}")),
            ],
        )
        .await;
    assert!(copied.status().is_redirection() || copied.status() == StatusCode::OK);
    let view: Value = owner
        .client
        .call("pending_invitations", &[("account_id", account)])
        .await
        .json()
        .await
        .unwrap();
    let link = view["handed_over"]["link"]
        .as_str()
        .expect("the link, once")
        .to_owned();
    assert!(link.starts_with(&server.state.invitations.public_url));
    link
}

#[tokio::test]
async fn a_copied_link_works_once_the_mailed_one_no_longer_does_and_it_is_shown_once() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Handed Co").await;
    let invitee = unique_email();
    let (id, mailed_token) = server.invite_one(&owner, &account, &invitee, &[]).await;
    let link = copied_link(&server, &owner, &account, &id).await;
    let token = link.rsplit('/').next().unwrap().to_owned();
    assert_ne!(token, mailed_token);

    let view: Value = owner
        .client
        .call("pending_invitations", &[("account_id", &account)])
        .await
        .json()
        .await
        .unwrap();
    assert!(view["handed_over"].is_null(), "shown once");
    assert_eq!(view["invitations"][0]["delivery"]["status"], "HandedOver");
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM audit_events WHERE action = 'invitation.link_copied' AND target_id = $1",
                &id
            )
            .await,
        1
    );

    let stranger = server.client();
    let old = stranger
        .get(&format!("/invitations/{mailed_token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !old.contains("Handed Co"),
        "the mailed link no longer opens it"
    );
    let new = stranger
        .get(&format!("/invitations/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(new.contains("Handed Co"), "the copied link opens it");

    // Someone who may not write invitations gets nothing.
    let reader = server
        .member_with(&account, &[app::permissions::Permission::ReadInvites])
        .await;
    let refused = reader
        .client
        .call(
            "copy_invitation_link",
            &[("account_id", &account), ("invitation_id", &id)],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_unanswered_invitation_is_reminded_once_with_a_link_that_replaces_the_first() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Reminding Co").await;
    let invitee = unique_email();
    let (id, first_token) = server.invite_one(&owner, &account, &invitee, &[]).await;
    wait_for_delivery(&server, &id, "sent").await;
    let sweep = || server::sweep_invitations_once(&server.state);
    assert_eq!(sweep().await.unwrap().1, 0, "not due yet");
    // Mailed 49 hours ago.
    let long_ago = app::server::rfc3339(chrono::Utc::now() - chrono::Duration::hours(49));
    app::db::query("UPDATE invitations SET sent_at = $1 WHERE id = $2")
        .bind(&long_ago)
        .bind(&id)
        .execute(&server.pool)
        .await
        .unwrap();
    let expires_before: String =
        app::db::query_scalar("SELECT expires_at FROM invitations WHERE id = $1")
            .bind(&id)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(sweep().await.unwrap().1, 1);
    let reminder = server.wait_for_mail(&invitee, 2).await;
    assert!(
        reminder.raw.contains("Subject: Reminder: "),
        "{}",
        reminder.raw
    );
    assert!(reminder.raw.contains("This is a reminder."));
    let token = reminder.invitation_token();
    assert_ne!(token, first_token);
    let (_, _, _, reminded_at) = delivery(&server, &id).await;
    assert!(reminded_at.is_some());
    let expires_after: String =
        app::db::query_scalar("SELECT expires_at FROM invitations WHERE id = $1")
            .bind(&id)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(expires_before, expires_after, "the expiry stays");
    // Once: the next sweep sends nothing more.
    wait_for_delivery(&server, &id, "sent").await;
    app::db::query("UPDATE invitations SET sent_at = $1 WHERE id = $2")
        .bind(&long_ago)
        .bind(&id)
        .execute(&server.pool)
        .await
        .unwrap();
    assert_eq!(sweep().await.unwrap().1, 0);
    let html = account_page(&owner.client, &account).await;
    assert!(html.contains("Reminded "));
}

#[tokio::test]
async fn a_refused_address_is_corrected_and_mailed_again_and_a_members_address_is_refused() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Corrected Co").await;
    let (wrong, right) = (unique_email(), unique_email());
    let (id, old_token) = server.invite_one(&owner, &account, &wrong, &[]).await;
    let corrected = owner
        .client
        .call(
            "readdress_invitation",
            &[
                ("account_id", &account),
                ("invitation_id", &id),
                ("email", &right.to_uppercase()),
            ],
        )
        .await;
    assert!(corrected.status().is_success() || corrected.status().is_redirection());
    let token = server.wait_for_link(&right, "/invitations/", 1).await;
    assert_ne!(token, old_token);
    let email: String = app::db::query_scalar("SELECT email FROM invitations WHERE id = $1")
        .bind(&id)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(email, right);
    let old = server
        .client()
        .get(&format!("/invitations/{old_token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!old.contains("Corrected Co"));

    let refused = owner
        .client
        .call(
            "readdress_invitation",
            &[
                ("account_id", &account),
                ("invitation_id", &id),
                ("email", &owner.email),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap();
    assert!(body.contains("Already a member"), "{body}");
}
