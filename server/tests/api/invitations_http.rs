//! The invitation flow over HTTP: invite, mail, open, accept or decline, revoke, resend, limits.

use crate::invitations_flow::{accept, open, outcomes};
use crate::support::{TestServer, unique_email};
use app::invitations::InviteOutcome::{self, *};
use app::permissions::Permission;
use reqwest::StatusCode;

#[tokio::test]
async fn an_invitee_follows_the_mailed_link_and_joins_with_the_invited_role_plus_base() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Acme").await;
    let role = server
        .custom_role(&account, "Billing", &[Permission::ReadAccount])
        .await;
    let email = unique_email();
    let (invitation, token) = server.invite_one(&owner, &account, &email, &[&role]).await;

    let mail = server.wait_for_mail(&email, 1).await;
    assert!(mail.raw.contains("Acme"), "the mail names the account");
    assert!(mail.raw.contains("Billing"), "the mail names the role");
    assert!(
        mail.raw
            .contains(&format!("{}/invitations/", "http://127.0.0.1:3000"))
    );
    let stored: Vec<u8> = app::db::query_scalar("SELECT token_hash FROM invitations WHERE id = $1")
        .bind(&invitation)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_ne!(
        stored,
        token.as_bytes(),
        "only a hash of the token is stored"
    );

    let invitee = server.person_with_email(&email).await;
    let link = open(&invitee.client, &token).await;
    assert_eq!(link["Pending"]["account_name"], "Acme");
    assert_eq!(
        link["Pending"]["roles"],
        serde_json::json!(["Billing", "Base"])
    );
    // Opening the link twice uses nothing up.
    open(&invitee.client, &token).await;
    let response = accept(&invitee.client, &invitation, &token).await;
    assert_eq!(response.status(), StatusCode::OK);

    assert!(server.is_member(&account, &invitee.user_id).await);
    assert_eq!(server.held_role(&invitee).await, role);
    assert_eq!(server.invitation_status(&invitation).await, "accepted");
    let audit = server
        .count(
            "SELECT count(*) FROM audit_events WHERE target_id = $1 AND action IN ('invitation.created', 'invitation.accepted')",
            &invitation,
        )
        .await;
    assert_eq!(audit, 2);
    // Used once, the link is dead.
    assert_eq!(
        accept(&invitee.client, &invitation, &token).await.status(),
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn the_banner_offers_answers_only_after_the_link_was_followed_in_this_session() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Banner Co").await;
    let email = unique_email();
    let (invitation, token) = server.invite_one(&owner, &account, &email, &[]).await;
    // Someone who merely signed up with the address has not proven they read the mail.
    let invitee = server.person_with_email(&email).await;
    let banner: serde_json::Value = invitee
        .client
        .call("my_invitations", &[])
        .await
        .json()
        .await
        .unwrap();
    // It learns that an invitation waits, and nothing about it.
    assert_eq!(banner.as_array().unwrap().len(), 1);
    assert_eq!(banner[0]["account_name"], "");
    assert_eq!(banner[0]["invited_by"], "");
    assert_eq!(banner[0]["roles"], serde_json::json!([]));
    assert_eq!(banner[0]["may_answer"], false);
    let refused = invitee
        .client
        .call(
            "accept_invitation",
            &[("invitation_id", invitation.as_str())],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(!server.is_member(&account, &invitee.user_id).await);

    open(&invitee.client, &token).await;
    let banner: serde_json::Value = invitee
        .client
        .call("my_invitations", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(banner[0]["may_answer"], true);
    let accepted = invitee
        .client
        .call(
            "accept_invitation",
            &[("invitation_id", invitation.as_str())],
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::OK);
    assert!(server.is_member(&account, &invitee.user_id).await);
    let banner: serde_json::Value = invitee
        .client
        .call("my_invitations", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(banner, serde_json::json!([]));
}

#[tokio::test]
async fn declining_records_it_and_makes_no_member() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Decline Co").await;
    let email = unique_email();
    let (invitation, token) = server.invite_one(&owner, &account, &email, &[]).await;
    let invitee = server.person_with_email(&email).await;
    let response = invitee
        .client
        .call(
            "decline_invitation",
            &[
                ("invitation_id", invitation.as_str()),
                ("token", token.as_str()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(server.invitation_status(&invitation).await, "declined");
    assert!(!server.is_member(&account, &invitee.user_id).await);
    assert_eq!(
        server.count("SELECT count(*) FROM audit_events WHERE action = 'invitation.declined' AND target_id = $1", &invitation).await,
        1
    );
    assert_eq!(
        accept(&invitee.client, &invitation, &token).await.status(),
        StatusCode::CONFLICT
    );
    // Re-inviting after a decline works.
    let again = server.invite(&owner, &account, &email, &[]).await;
    assert_eq!(again[0].outcome, Invited);
}

#[tokio::test]
async fn a_revoked_link_shows_nothing_to_a_stranger_and_the_reason_to_the_invitee() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Revoke Co").await;
    let email = unique_email();
    let (invitation, token) = server.invite_one(&owner, &account, &email, &[]).await;
    let unconfirmed = owner
        .client
        .call(
            "revoke_invitation",
            &[
                ("account_id", account.as_str()),
                ("invitation_id", invitation.as_str()),
            ],
        )
        .await;
    assert_eq!(
        unconfirmed.status(),
        StatusCode::CONFLICT,
        "revoking needs the confirmation"
    );
    assert_eq!(server.invitation_status(&invitation).await, "pending");
    let revoked = owner
        .client
        .call(
            "revoke_invitation",
            &[
                ("account_id", account.as_str()),
                ("invitation_id", invitation.as_str()),
                ("confirm", "revoke"),
            ],
        )
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);

    let stranger = server.client();
    assert_eq!(
        open(&stranger, &token).await,
        serde_json::json!({ "Unavailable": { "reason": null } })
    );
    let invitee = server.person_with_email(&email).await;
    let link = open(&invitee.client, &token).await;
    assert!(
        link["Unavailable"]["reason"]
            .as_str()
            .unwrap()
            .contains("revoked")
    );
    assert_eq!(
        accept(&invitee.client, &invitation, &token).await.status(),
        StatusCode::CONFLICT
    );
    assert!(!server.is_member(&account, &invitee.user_id).await);
    // Revoking twice is a clear conflict, and re-inviting works.
    let twice = owner
        .client
        .call(
            "revoke_invitation",
            &[
                ("account_id", account.as_str()),
                ("invitation_id", invitation.as_str()),
                ("confirm", "revoke"),
            ],
        )
        .await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);
    assert_eq!(
        server.invite(&owner, &account, &email, &[]).await[0].outcome,
        Invited
    );
}

#[tokio::test]
async fn resending_mails_a_new_link_and_kills_the_old_one() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Resend Co").await;
    let email = unique_email();
    let (invitation, old_token) = server.invite_one(&owner, &account, &email, &[]).await;
    let response = owner
        .client
        .call(
            "resend_invitation",
            &[
                ("account_id", account.as_str()),
                ("invitation_id", invitation.as_str()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let new_token = server.wait_for_mail(&email, 2).await.invitation_token();
    assert_ne!(new_token, old_token);

    let invitee = server.person_with_email(&email).await;
    assert_eq!(
        open(&invitee.client, &old_token).await["Unavailable"]["reason"],
        serde_json::Value::Null
    );
    assert_eq!(
        accept(&invitee.client, &invitation, &old_token)
            .await
            .status(),
        StatusCode::CONFLICT
    );
    assert!(!server.is_member(&account, &invitee.user_id).await);
    assert_eq!(
        accept(&invitee.client, &invitation, &new_token)
            .await
            .status(),
        StatusCode::OK
    );
    assert!(server.is_member(&account, &invitee.user_id).await);
}

#[tokio::test]
async fn a_bulk_invite_answers_each_address_on_its_own_line() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Bulk Co").await;
    let member = server.person().await;
    server.add_member(&account, &member).await;
    let pending = unique_email();
    server.invite(&owner, &account, &pending, &[]).await;
    let fresh_a = unique_email();
    let fresh_b = unique_email();
    let typed = format!(
        "{fresh_a}, not-an-address\n{}; {} {fresh_b} {}",
        member.email.to_uppercase(),
        pending.to_uppercase(),
        fresh_a.to_uppercase()
    );
    let results = server.invite(&owner, &account, &typed, &[]).await;
    assert_eq!(
        outcomes(&results),
        vec![
            (fresh_a.as_str(), Invited),
            ("not-an-address", InvalidAddress),
            (member.email.as_str(), AlreadyMember),
            (pending.as_str(), AlreadyInvited),
            (fresh_b.as_str(), Invited),
        ]
    );
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM invitations WHERE account_id = $1",
                &account
            )
            .await,
        3
    );
    server.wait_for_mail(&fresh_b, 1).await;
}

#[tokio::test]
async fn the_pending_limit_refuses_the_next_invitation_with_a_clear_outcome() {
    let server = TestServer::start_with(|config| config.pending_invitation_limit = 2).await;
    let (account, owner) = server.account("Limit Co").await;
    let (a, b, c) = (unique_email(), unique_email(), unique_email());
    let results = server
        .invite(&owner, &account, &format!("{a} {b} {c}"), &[])
        .await;
    let kinds: Vec<InviteOutcome> = results.iter().map(|r| r.outcome).collect();
    assert_eq!(kinds, vec![Invited, Invited, LimitReached]);
    assert!(LimitReached.describe(2).contains("2 pending invitations"));
    // An answered invitation frees a place.
    let first = server.invitation_id(&account, &a).await;
    owner
        .client
        .call(
            "revoke_invitation",
            &[
                ("account_id", account.as_str()),
                ("invitation_id", first.as_str()),
                ("confirm", "revoke"),
            ],
        )
        .await;
    assert_eq!(
        server.invite(&owner, &account, &c, &[]).await[0].outcome,
        Invited
    );
}

#[tokio::test]
async fn an_expired_invitation_cannot_be_accepted_and_the_address_can_be_invited_again() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Expiry Co").await;
    let email = unique_email();
    let (invitation, token) = server.invite_one(&owner, &account, &email, &[]).await;
    app::db::query("UPDATE invitations SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = $1")
        .bind(&invitation)
        .execute(&server.pool)
        .await
        .unwrap();
    let invitee = server.person_with_email(&email).await;
    assert!(
        open(&invitee.client, &token).await["Unavailable"]["reason"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
    let refused = accept(&invitee.client, &invitation, &token).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("expired"));
    assert_eq!(
        server.invite(&owner, &account, &email, &[]).await[0].outcome,
        Invited
    );
    assert_eq!(server.invitation_status(&invitation).await, "expired");
}

#[tokio::test]
async fn an_invitation_expires_72_hours_after_it_was_sent_by_default() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Clock Co").await;
    let email = unique_email();
    server.invite(&owner, &account, &email, &[]).await;
    let (sent, expires): (String, String) =
        app::db::query_as("SELECT sent_at, expires_at FROM invitations WHERE email = $1")
            .bind(&email)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    let sent = chrono::DateTime::parse_from_rfc3339(&sent).unwrap();
    let expires = chrono::DateTime::parse_from_rfc3339(&expires).unwrap();
    assert_eq!(expires - sent, chrono::Duration::hours(72));
}

#[tokio::test]
async fn someone_signed_in_with_another_address_cannot_accept() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Wrong Person Co").await;
    let email = unique_email();
    let (invitation, token) = server.invite_one(&owner, &account, &email, &[]).await;
    let other = server.person().await;
    let link = open(&other.client, &token).await;
    assert_eq!(link["Pending"]["signed_in_as"], other.email.as_str());
    assert_eq!(
        accept(&other.client, &invitation, &token).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(!server.is_member(&account, &other.user_id).await);
    assert_eq!(server.invitation_status(&invitation).await, "pending");
}

#[tokio::test]
async fn nobody_can_invite_with_a_role_carrying_permissions_they_lack() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Escalation Co").await;
    let inviter = server
        .member_with(&account, &[Permission::WriteInvites])
        .await;
    let admin = server.builtin_role_id(&account, "admin").await;
    let owner_role = server.builtin_role_id(&account, "owner").await;
    for role in [admin.as_str(), owner_role.as_str()] {
        let response = server
            .try_invite(&inviter, &account, &unique_email(), &[role])
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM invitations WHERE account_id = $1",
                &account
            )
            .await,
        0
    );
    let base = server.builtin_role_id(&account, "base").await;
    assert_eq!(
        server
            .invite(&inviter, &account, &unique_email(), &[&base])
            .await[0]
            .outcome,
        Invited
    );
}

#[tokio::test]
async fn an_invite_without_any_address_is_a_field_error() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Empty Co").await;
    let response = server.try_invite(&owner, &account, " ,\n ", &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("at least one email")
    );
}

#[tokio::test]
async fn pending_invitations_are_listed_for_the_account_and_for_a_role() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("List Co").await;
    let role = server.custom_role(&account, "Support", &[]).await;
    let with_role = unique_email();
    let without = unique_email();
    server.invite(&owner, &account, &with_role, &[&role]).await;
    server.invite(&owner, &account, &without, &[]).await;
    let all: serde_json::Value = owner
        .client
        .call("pending_invitations", &[("account_id", account.as_str())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["invitations"].as_array().unwrap().len(), 2);
    assert_eq!(all["may_revoke"], true);
    let for_role: serde_json::Value = owner
        .client
        .call(
            "pending_invitations",
            &[("account_id", account.as_str()), ("role_id", role.as_str())],
        )
        .await
        .json()
        .await
        .unwrap();
    let listed = for_role["invitations"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["email"], with_role.as_str());
    assert_eq!(listed[0]["roles"], serde_json::json!(["Support", "Base"]));
}

async fn invite_options(person: &crate::world::Person, account: &str) -> Vec<(String, bool)> {
    let choices: Vec<app::invitations::RoleChoice> = person
        .client
        .call("invite_options", &[("account_id", account)])
        .await
        .json()
        .await
        .unwrap();
    choices.into_iter().map(|c| (c.name, c.grantable)).collect()
}

#[tokio::test]
async fn invite_options_mark_roles_with_permissions_the_inviter_lacks() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Options Co").await;
    let inviter = server
        .member_with(&account, &[Permission::WriteInvites])
        .await;
    server
        .custom_role(&account, "Invite Readers", &[Permission::ReadInvites])
        .await;
    server
        .custom_role(&account, "Role Readers", &[Permission::ReadRoles])
        .await;
    let mine = invite_options(&inviter, &account).await;
    assert_eq!(
        mine[0],
        ("Admin".to_owned(), false),
        "Admin first, and not the inviter's to give"
    );
    assert!(
        mine.contains(&("Invite Readers".to_owned(), true)),
        "{mine:?}"
    );
    assert!(
        mine.contains(&("Role Readers".to_owned(), false)),
        "{mine:?}"
    );
    let owners = invite_options(&owner, &account).await;
    assert!(owners.iter().all(|(_, grantable)| *grantable), "{owners:?}");
    assert!(
        !owners
            .iter()
            .any(|(name, _)| name == "Base" || name == "Owner")
    );
}
