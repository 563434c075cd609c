//! Bounces reported after a mail went out: signed reports, refused forgeries and replays, and
//! the README's script for a mail system.

use super::{account_page, delivery, sent_mail_id, wait_for_delivery};
use crate::support::{TestServer, unique_email};
use reqwest::StatusCode;

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
    let mail_id = sent_mail_id(&server, &bounced_id).await;
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
    let html = account_page(&owner.client, &account).await;
    assert!(html.contains("Mail refused: bounced: 552 Mailbox full &lt;script&gt;"));
    assert!(!html.contains("<script>alert(1)"));
}

#[tokio::test]
async fn without_a_bounce_mailbox_reports_are_not_taken() {
    let server = TestServer::start().await;
    let status = report(&server, "{}", chrono::Utc::now().timestamp(), SECRET).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The bounce script the README shows, as an operator would install it.
fn readme_bounce_script() -> String {
    let readme = include_str!("../../../../README.md");
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
    let mail_id = sent_mail_id(&server, &id).await;
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
