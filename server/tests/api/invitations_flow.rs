//! Helpers shared by the invitation tests: invite over HTTP, read the link from the mail.

use crate::support::{ApiClient, TestServer};
use crate::world::Person;
use app::invitations::{InviteOutcome, InviteResult};
use reqwest::StatusCode;

impl TestServer {
    /// `inviter` invites `emails` with `roles`; the outcome of each address.
    pub async fn invite(
        &self,
        inviter: &Person,
        account_id: &str,
        emails: &str,
        roles: &[&str],
    ) -> Vec<InviteResult> {
        let response = self.try_invite(inviter, account_id, emails, roles).await;
        assert_eq!(response.status(), StatusCode::OK, "invite_users succeeds");
        response.json().await.expect("invite results")
    }

    pub async fn try_invite(
        &self,
        inviter: &Person,
        account_id: &str,
        emails: &str,
        roles: &[&str],
    ) -> reqwest::Response {
        let mut form = vec![("account_id", account_id), ("emails", emails)];
        form.extend(roles.iter().map(|role| ("roles[]", *role)));
        inviter.client.call("invite_users", &form).await
    }

    /// Invites one address and returns the invitation's id and the token from its mail.
    pub async fn invite_one(
        &self,
        inviter: &Person,
        account_id: &str,
        email: &str,
        roles: &[&str],
    ) -> (String, String) {
        // Counted by their links: the invitee's own verification mail may arrive meanwhile.
        let links = self
            .mails_to(email)
            .iter()
            .filter(|mail| mail.link_token("/invitations/").is_some())
            .count();
        let results = self.invite(inviter, account_id, email, roles).await;
        assert_eq!(results[0].outcome, InviteOutcome::Invited);
        let token = self.wait_for_link(email, "/invitations/", links + 1).await;
        (self.invitation_id(account_id, email).await, token)
    }

    /// The id of the newest invitation of `email` in the account.
    pub async fn invitation_id(&self, account_id: &str, email: &str) -> String {
        app::db::query_scalar(
            "SELECT id FROM invitations WHERE account_id = $1 AND email = $2 ORDER BY created_at DESC LIMIT 1",
        )
        .bind(account_id)
        .bind(email.to_lowercase())
        .fetch_one(&self.pool)
        .await
        .expect("invitation")
    }

    pub async fn invitation_status(&self, invitation_id: &str) -> String {
        app::db::query_scalar("SELECT status FROM invitations WHERE id = $1")
            .bind(invitation_id)
            .fetch_one(&self.pool)
            .await
            .expect("invitation")
    }

    pub async fn is_member(&self, account_id: &str, user_id: &str) -> bool {
        app::db::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM memberships WHERE account_id = $1 AND user_id = $2)",
        )
        .bind(account_id)
        .bind(user_id)
        .fetch_one(&self.pool)
        .await
        .expect("membership query")
    }

    /// Someone who signed up with `email`.
    pub async fn person_with_email(&self, email: &str) -> Person {
        let client = self.client();
        let response = client.sign_up(email, crate::support::PASSWORD).await;
        assert!(response.status().is_success(), "sign-up of {email}");
        let user_id = client.whoami().await["id"]
            .as_str()
            .expect("signed in")
            .to_owned();
        Person {
            client,
            user_id,
            email: email.to_lowercase(),
        }
    }
}

pub async fn accept(client: &ApiClient, invitation_id: &str, token: &str) -> reqwest::Response {
    client
        .call(
            "accept_invitation",
            &[("invitation_id", invitation_id), ("token", token)],
        )
        .await
}

pub async fn open(client: &ApiClient, token: &str) -> serde_json::Value {
    let response = client.call("open_invitation", &[("token", token)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("invitation link")
}

pub fn outcomes(results: &[InviteResult]) -> Vec<(&str, InviteOutcome)> {
    results
        .iter()
        .map(|r| (r.email.as_str(), r.outcome))
        .collect()
}
