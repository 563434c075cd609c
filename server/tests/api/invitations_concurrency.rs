//! Races that real systems got wrong, run as real concurrent HTTP requests, spread over two
//! server processes sharing the database.

use crate::invitations_flow::accept;
use crate::support::{TestServer, unique_email};
use reqwest::StatusCode;

#[tokio::test]
async fn fifty_simultaneous_accepts_of_one_invitation_make_exactly_one_membership() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Race Co").await;
    let role = server.custom_role(&account, "Racer", &[]).await;
    let email = unique_email();
    let (invitation, token) = server.invite_one(&owner, &account, &email, &[&role]).await;
    let invitee = server.person_with_email(&email).await;

    let second = server.second_process().await;
    let mut tasks = tokio::task::JoinSet::new();
    for attempt in 0..50 {
        let client = if attempt % 2 == 0 {
            invitee.client.clone()
        } else {
            second.browser(&invitee.client)
        };
        let (invitation, token) = (invitation.clone(), token.clone());
        tasks.spawn(async move {
            let response = accept(&client, &invitation, &token).await;
            (response.status(), response.text().await.unwrap_or_default())
        });
    }
    let outcomes = tasks.join_all().await;
    let accepted = outcomes
        .iter()
        .filter(|(s, _)| *s == StatusCode::OK)
        .count();
    let refused: Vec<_> = outcomes
        .iter()
        .filter(|(s, _)| *s == StatusCode::CONFLICT)
        .collect();
    assert_eq!(accepted, 1, "{outcomes:?}");
    assert_eq!(refused.len(), 49, "{outcomes:?}");
    assert!(
        refused
            .iter()
            .all(|(_, body)| body.contains("already been accepted"))
    );
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM memberships WHERE user_id = $1",
                &invitee.user_id
            )
            .await,
        1
    );
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM member_roles WHERE user_id = $1",
                &invitee.user_id
            )
            .await,
        1
    );
    assert_eq!(
        server.count("SELECT count(*) FROM audit_events WHERE action = 'invitation.accepted' AND target_id = $1", &invitation).await,
        1
    );
}

#[tokio::test]
async fn accept_racing_revoke_has_one_clean_winner_every_time() {
    let server = TestServer::start().await;
    let second = server.second_process().await;
    let (account, owner) = server.account("Accept Revoke Co").await;
    for _ in 0..15 {
        let email = unique_email();
        let (invitation, token) = server.invite_one(&owner, &account, &email, &[]).await;
        let invitee = server.person_with_email(&email).await;
        let form = [
            ("account_id", account.as_str()),
            ("invitation_id", invitation.as_str()),
            ("confirm", "revoke"),
        ];
        let owner_there = second.browser(&owner.client);
        let revoke = owner_there.call("revoke_invitation", &form);
        let (accepted, revoked) =
            tokio::join!(accept(&invitee.client, &invitation, &token), revoke);
        let (accepted, revoked) = (accepted.status(), revoked.status());
        let status = server.invitation_status(&invitation).await;
        let member = server.is_member(&account, &invitee.user_id).await;
        match (accepted, revoked) {
            (StatusCode::OK, StatusCode::CONFLICT) => {
                assert_eq!(status, "accepted");
                assert!(member);
            }
            (StatusCode::CONFLICT, StatusCode::OK) => {
                assert_eq!(status, "revoked");
                assert!(!member, "a revoked invitation made no member");
            }
            other => panic!("accept and revoke must have exactly one winner, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn after_a_resend_commits_the_old_token_never_makes_a_member() {
    let server = TestServer::start().await;
    let second = server.second_process().await;
    let (account, owner) = server.account("Resend Race Co").await;
    for _ in 0..15 {
        let email = unique_email();
        let (invitation, old_token) = server.invite_one(&owner, &account, &email, &[]).await;
        let invitee = server.person_with_email(&email).await;
        let form = [
            ("account_id", account.as_str()),
            ("invitation_id", invitation.as_str()),
        ];
        let owner_there = second.browser(&owner.client);
        let resend = owner_there.call("resend_invitation", &form);
        let (accepted, resent) =
            tokio::join!(accept(&invitee.client, &invitation, &old_token), resend);
        let (accepted, resent) = (accepted.status(), resent.status());
        let member = server.is_member(&account, &invitee.user_id).await;
        match (accepted, resent) {
            // The accept committed first: the resend finds nothing pending.
            (StatusCode::OK, StatusCode::CONFLICT) => assert!(member),
            // The resend committed first: the old token is worthless.
            (StatusCode::CONFLICT, StatusCode::OK) => {
                assert!(!member);
                assert_eq!(server.invitation_status(&invitation).await, "pending");
            }
            other => panic!("resend and accept must not both succeed, got {other:?}"),
        }
        // Whatever happened, the old token cannot be used now.
        let again = accept(&invitee.client, &invitation, &old_token).await;
        assert_eq!(again.status(), StatusCode::CONFLICT);
        assert_eq!(server.is_member(&account, &invitee.user_id).await, member);
    }
}

#[tokio::test]
async fn with_two_server_processes_each_invitation_mail_goes_out_once() {
    let server = TestServer::start().await;
    let second = server.second_process().await;
    let (account, owner) = server.account("Two Servers Co").await;
    let owner_there = second.person(&owner);
    let emails: Vec<String> = (0..20).map(|_| unique_email()).collect();
    // Each server queues half of the mails, and both servers' workers watch the one outbox.
    for (n, email) in emails.iter().enumerate() {
        let inviter = if n % 2 == 0 { &owner } else { &owner_there };
        let results = server.invite(inviter, &account, email, &[]).await;
        assert_eq!(results.len(), 1);
    }
    for email in &emails {
        server.wait_for_mail(email, 1).await;
    }
    // Longer than a worker's poll: a second copy would have been written by now.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    for email in &emails {
        assert_eq!(server.mails_to(email).len(), 1, "{email} got a mail twice");
    }
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM outbox JOIN invitations ON invitations.id = outbox.invitation_id \
                 WHERE outbox.sent_at IS NULL AND invitations.account_id = $1",
                &account
            )
            .await,
        0
    );
}
