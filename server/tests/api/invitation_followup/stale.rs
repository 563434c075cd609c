//! No stale invitations: expired ones listed and sent again, and a member's pending invitations
//! leave with them.

use super::account_page;
use crate::support::{TestServer, unique_email};
use reqwest::StatusCode;
use serde_json::Value;

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
    let html = account_page(&owner.client, &account).await;
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
