//! Invitations you can follow: each row says what the recipient's server answered (a real SMTP
//! server scripted to accept, defer and refuse), a bounce reported later flips the right one,
//! a link can be handed over another way, one reminder goes, expired invitations are offered
//! again, and a removed member's invitations go with them.

mod bounces;
mod delivery;
mod stale;

use crate::support::TestServer;
use std::time::{Duration, Instant};

/// The invitation's delivery columns: status, detail, next try, reminder.
pub(super) async fn delivery(
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
pub(super) async fn wait_for_delivery(
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

/// The account's page as `viewer` sees it.
pub(super) async fn account_page(viewer: &crate::support::ApiClient, account: &str) -> String {
    viewer
        .get(&format!("/accounts/{account}"))
        .await
        .text()
        .await
        .unwrap()
}

/// The mail an invitation went out in, once it went (`wait_for_delivery` first).
pub(super) async fn sent_mail_id(server: &TestServer, invitation_id: &str) -> i64 {
    app::db::query_scalar("SELECT id FROM outbox WHERE invitation_id = $1")
        .bind(invitation_id)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}
