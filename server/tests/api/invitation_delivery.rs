//! Invitations you can follow: each row says what the recipient's server answered (a real SMTP
//! server scripted to accept, defer and refuse), a bounce reported later flips the right one,
//! a link can be handed over another way, one reminder goes, expired invitations are offered
//! again, and a removed member's invitations go with them.

use crate::smtp_listener::SmtpListener;
use crate::support::{TestServer, unique_email};
use crate::webhooks_http::{add_endpoint, listener};
use reqwest::StatusCode;
use serde_json::Value;
use std::time::{Duration, Instant};

/// The invitation's delivery columns: status, detail, next try, reminder.
async fn delivery(
    server: &TestServer,
    invitation_id: &str,
) -> (String, Option<String>, Option<String>, Option<String>) {
    app::db::query_as(
        "SELECT delivery_status, delivery_detail, delivery_retry_at, reminded_at FROM invitations WHERE id = $1",
    )
    .bind(invitation_id)
    .fetch_one(&server.pool)
    .await
    .expect("invitation")
}

/// Waits until the invitation's mail status is `status`.
async fn wait_for_delivery(
    server: &TestServer,
    invitation_id: &str,
    status: &str,
) -> (String, Option<String>, Option<String>, Option<String>) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = delivery(server, invitation_id).await;
        if now.0 == status {
            return now;
        }
        assert!(
            Instant::now() < deadline,
            "the invitation's mail is {status} within 20 s; it is {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

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
    let page = owner.client.get(&format!("/accounts/{account}")).await;
    let html = page.text().await.unwrap();
    assert!(html.contains("Mail accepted by their server: 250 2.0.0 Ok: queued as"));
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

/// A server whose mails return to `bounces+…@bounce.example.org`, signed with `SECRET`.
const SECRET: &str = "a bounce secret of at least thirty-two characters";

async fn bouncing_server() -> TestServer {
    TestServer::start_with(|config| {
        config.bounce_mailbox = Some("bounces@bounce.example.org".into());
        config.bounce_secret = Some(SECRET.into());
    })
    .await
}

async fn report(server: &TestServer, body: &str, signed_at: i64, secret: &str) -> StatusCode {
    reqwest::Client::new()
        .post(format!("{}/api/v1/mail/bounces", server.base_url))
        .header("content-type", "application/json")
        .header(
            "Roster-Signature",
            app::webhooks::signature::sign(secret, signed_at, body.as_bytes()),
        )
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_signed_bounce_report_fails_the_right_invitation_and_a_forged_or_replayed_one_is_refused()
{
    let server = bouncing_server().await;
    let (account, owner) = server.account("Bounced Co").await;
    let (bounced, kept) = (unique_email(), unique_email());
    let (bounced_id, _) = server.invite_one(&owner, &account, &bounced, &[]).await;
    let (kept_id, _) = server.invite_one(&owner, &account, &kept, &[]).await;
    wait_for_delivery(&server, &bounced_id, "sent").await;
    let mail_id: i64 = app::db::query_scalar("SELECT id FROM outbox WHERE invitation_id = $1")
        .bind(&bounced_id)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let bounces =
        server::mail::bounce::BounceMailbox::new("bounces@bounce.example.org", SECRET).unwrap();
    let return_path = bounces.return_path(mail_id).to_string();
    let body = serde_json::json!({
        "return_path": return_path,
        "reason": "552 Mailbox full <script>alert(1)</script>",
    })
    .to_string();
    let now = chrono::Utc::now().timestamp();

    assert_eq!(
        report(&server, &body, now, "not the secret").await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        report(&server, &body, now - 3600, SECRET).await,
        StatusCode::FORBIDDEN
    );
    let made_up = body.replace(
        &return_path,
        &return_path.replace(&format!("+{mail_id}."), "+1."),
    );
    assert_eq!(
        report(&server, &made_up, now, SECRET).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        delivery(&server, &bounced_id).await.0,
        "sent",
        "nothing flipped yet"
    );

    assert_eq!(
        report(&server, &body, now, SECRET).await,
        StatusCode::NO_CONTENT
    );
    let (status, detail, _, _) = delivery(&server, &bounced_id).await;
    assert_eq!(status, "failed");
    assert_eq!(
        detail.as_deref(),
        Some("bounced: 552 Mailbox full <script>alert(1)</script>")
    );
    assert_eq!(
        delivery(&server, &kept_id).await.0,
        "sent",
        "only the right one"
    );
    // The same report again is a replay.
    assert_eq!(
        report(&server, &body, now, SECRET).await,
        StatusCode::CONFLICT
    );

    // The reason is shown as text, never as markup.
    let html = owner
        .client
        .get(&format!("/accounts/{account}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Mail refused: bounced: 552 Mailbox full &lt;script&gt;"));
    assert!(!html.contains("<script>alert(1)"));
}

#[tokio::test]
async fn without_a_bounce_mailbox_reports_are_not_taken() {
    let server = TestServer::start().await;
    let status = report(&server, "{}", chrono::Utc::now().timestamp(), SECRET).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
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
    let html = owner
        .client
        .get(&format!("/accounts/{account}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Reminded "));
}

/// Puts the invitation's expiry `days` days in the past, and lets the sweep end it.
async fn expire(server: &TestServer, id: &str, days: i64) {
    let past = app::server::rfc3339(chrono::Utc::now() - chrono::Duration::days(days));
    app::db::query("UPDATE invitations SET expires_at = $1 WHERE id = $2")
        .bind(&past)
        .bind(id)
        .execute(&server.pool)
        .await
        .unwrap();
    server::sweep_invitations_once(&server.state).await.unwrap();
}

#[tokio::test]
async fn expired_invitations_stay_listed_and_are_sent_again_one_or_all_without_counting_toward_the_limit()
 {
    let server = TestServer::start_with(|config| config.pending_invitation_limit = 3).await;
    let (account, owner) = server.account("Expired Co").await;
    let (a, b, c) = (unique_email(), unique_email(), unique_email());
    let (a_id, _) = server.invite_one(&owner, &account, &a, &[]).await;
    let (b_id, _) = server.invite_one(&owner, &account, &b, &[]).await;
    let (c_id, _) = server.invite_one(&owner, &account, &c, &[]).await;
    expire(&server, &a_id, 3).await;
    expire(&server, &b_id, 1).await;
    expire(&server, &c_id, 40).await;

    let view: Value = owner
        .client
        .call("pending_invitations", &[("account_id", &account)])
        .await
        .json()
        .await
        .unwrap();
    let expired: Vec<&str> = view["expired"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        expired,
        [b.as_str(), a.as_str()],
        "the latest first; 40 days ago is gone"
    );
    let html = owner
        .client
        .get(&format!("/accounts/{account}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("expired 3 days ago"));
    assert!(html.contains("Resend all expired"));

    // Expired ones do not count: three new invitations fit under the limit of three.
    let fresh = format!("{} {} {}", unique_email(), unique_email(), unique_email());
    let results = server.invite(&owner, &account, &fresh, &[]).await;
    assert!(
        results
            .iter()
            .all(|r| r.outcome == app::invitations::InviteOutcome::Invited)
    );
    // ...and so no room is left to send the expired ones again.
    let full = owner
        .client
        .call(
            "resend_invitation",
            &[("account_id", &account), ("invitation_id", &a_id)],
        )
        .await;
    assert_eq!(full.status(), StatusCode::CONFLICT);
    for email in fresh.split(' ') {
        let id = server.invitation_id(&account, email).await;
        let revoked = owner
            .client
            .call(
                "revoke_invitation",
                &[
                    ("account_id", &account),
                    ("invitation_id", &id),
                    ("confirm", "revoke"),
                ],
            )
            .await;
        assert!(revoked.status().is_success() || revoked.status().is_redirection());
    }

    // One again: pending, with a new expiry and a new mail.
    let resent = owner
        .client
        .call(
            "resend_invitation",
            &[("account_id", &account), ("invitation_id", &a_id)],
        )
        .await;
    assert!(resent.status().is_success() || resent.status().is_redirection());
    assert_eq!(server.invitation_status(&a_id).await, "pending");
    server.wait_for_mail(&a, 2).await;

    // All the rest, with the confirmation only.
    let unconfirmed = owner
        .client
        .call("resend_expired_invitations", &[("account_id", &account)])
        .await;
    assert_eq!(unconfirmed.status(), StatusCode::CONFLICT);
    let all = owner
        .client
        .call(
            "resend_expired_invitations",
            &[("account_id", &account), ("confirm", "resend")],
        )
        .await;
    assert!(
        all.status().is_success() || all.status().is_redirection(),
        "{:?}",
        all.text().await
    );
    assert_eq!(server.invitation_status(&b_id).await, "pending");
    assert_eq!(
        server.invitation_status(&c_id).await,
        "expired",
        "no longer listed, not sent"
    );

    // Remove: an expired one leaves the list.
    expire(&server, &b_id, 2).await;
    let removed = owner
        .client
        .call(
            "revoke_invitation",
            &[
                ("account_id", &account),
                ("invitation_id", &b_id),
                ("confirm", "revoke"),
            ],
        )
        .await;
    assert!(removed.status().is_success() || removed.status().is_redirection());
    assert_eq!(server.invitation_status(&b_id).await, "revoked");
}

#[tokio::test]
async fn a_removed_members_pending_invitations_are_revoked_with_them_unless_kept() {
    use app::permissions::Permission;
    let server = TestServer::start().await;
    let (account, owner) = server.account("Leaving Co").await;
    let inviters = [
        server
            .member_with(&account, &[Permission::WriteInvites])
            .await,
        server
            .member_with(&account, &[Permission::WriteInvites])
            .await,
    ];
    let mut sent = Vec::new();
    for inviter in &inviters {
        let email = unique_email();
        let (id, _) = server.invite_one(inviter, &account, &email, &[]).await;
        sent.push((id, email));
    }
    // The removal dialog names them.
    let listing: Value = owner
        .client
        .call(
            "members_page",
            &[("account_id", &account), ("keys_of", &inviters[0].user_id)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listing["invitations_sent"], serde_json::json!([sent[0].1]));

    server.remove_member(&owner, &account, &inviters[0]).await;
    assert_eq!(server.invitation_status(&sent[0].0).await, "revoked");
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM audit_events WHERE action = 'invitation.revoked' AND target_id = $1",
                &sent[0].0
            )
            .await,
        1
    );

    let kept = owner
        .client
        .call(
            "remove_member",
            &[
                ("account_id", account.as_str()),
                ("user_id", inviters[1].user_id.as_str()),
                ("confirm", "remove"),
                ("keep_invitations", "keep"),
            ],
        )
        .await;
    assert_eq!(kept.status(), StatusCode::OK);
    assert_eq!(server.invitation_status(&sent[1].0).await, "pending");
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

/// The bounce script the README shows, as an operator would install it.
fn readme_bounce_script() -> String {
    let readme = include_str!("../../../README.md");
    let start = readme
        .find("#!/bin/sh\n# /usr/local/bin/roster-bounce")
        .expect("the README shows the bounce script");
    let script = &readme[start..];
    script[..script.find("```").expect("the script's block ends")].to_owned()
}

#[tokio::test]
async fn the_readmes_bounce_script_reports_a_bounce_that_roster_records() {
    let server = bouncing_server().await;
    let (account, owner) = server.account("Scripted Bounce Co").await;
    let invitee = unique_email();
    let (id, _) = server.invite_one(&owner, &account, &invitee, &[]).await;
    wait_for_delivery(&server, &id, "sent").await;
    let mail_id: i64 = app::db::query_scalar("SELECT id FROM outbox WHERE invitation_id = $1")
        .bind(&id)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let return_path =
        server::mail::bounce::BounceMailbox::new("bounces@bounce.example.org", SECRET)
            .unwrap()
            .return_path(mail_id)
            .to_string();
    // A delivery status notification as a receiving server writes it (RFC 3464).
    let bounce = "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; x@example.com\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 \"Mailbox full\"\n";
    // The script's curl calls this very test's server: it waits on a thread of its own.
    let (script, base_url) = (readme_bounce_script(), server.base_url.clone());
    let status = tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut child = std::process::Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg("roster-bounce")
            .arg(&return_path)
            .env("ROSTER_URL", base_url)
            .env("ROSTER_BOUNCE_SECRET", SECRET)
            .stdin(std::process::Stdio::piped())
            .spawn()
            .expect("sh runs (curl and openssl are installed by scripts/test.sh)");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(bounce.as_bytes())
            .unwrap();
        child.wait().unwrap()
    })
    .await
    .unwrap();
    assert!(status.success(), "the script reports the bounce");
    let (status, detail, _, _) = delivery(&server, &id).await;
    assert_eq!(status, "failed");
    assert_eq!(
        detail.as_deref(),
        Some("bounced: smtp; 552 5.2.2 \"Mailbox full\"")
    );
}

#[tokio::test]
async fn a_member_who_deletes_their_user_takes_the_invitations_they_sent_with_them() {
    use app::permissions::Permission;
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Left Behind Co").await;
    let inviter = server
        .member_with(&account, &[Permission::WriteInvites])
        .await;
    let (id, _) = server
        .invite_one(&inviter, &account, &unique_email(), &[])
        .await;
    let deleted = inviter
        .client
        .call(
            "delete_my_user",
            &[
                ("confirm_email", inviter.email.as_str()),
                ("current_password", crate::support::PASSWORD),
            ],
        )
        .await;
    assert!(deleted.status().is_success() || deleted.status().is_redirection());
    assert_eq!(server.invitation_status(&id).await, "revoked");
    let label: Option<String> = app::db::query_scalar(
        "SELECT actor_label FROM audit_events WHERE action = 'invitation.revoked' AND target_id = $1",
    )
    .bind(&id)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert!(
        label.unwrap().contains(&inviter.email),
        "audited as the one who left"
    );
}
