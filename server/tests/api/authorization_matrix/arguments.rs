//! The arguments with which each server function succeeds for anyone allowed to call it, and
//! the objects they name, written directly into the database.

use super::{Actor, World};
use crate::support::{PASSWORD, unique_email};
use crate::world::Person;

impl World {
    /// Arguments with which the call succeeds for anyone allowed to make it.
    pub(super) async fn arguments(
        &self,
        function: &str,
        caller: Option<&Person>,
    ) -> Vec<(String, String)> {
        self.arguments_naming(function, caller, &self.account).await
    }

    /// [`World::arguments`] naming objects (roles, invitations, keys, endpoints, deliveries,
    /// members) of `objects_in`, while the call names the matrix's account.
    pub(super) async fn arguments_naming(
        &self,
        function: &str,
        caller: Option<&Person>,
        objects_in: &str,
    ) -> Vec<(String, String)> {
        let account = ("account_id".to_owned(), self.account.clone());
        let fresh_role = || async {
            self.server
                .custom_role(
                    objects_in,
                    &format!("Target {}", uuid::Uuid::new_v4().simple()),
                    &[],
                )
                .await
        };
        let pairs: Vec<(&str, String)> = match function {
            "whoami" | "sign_out" | "my_accounts" => vec![],
            "sign_up" => vec![
                ("email", unique_email()),
                ("display_name", "New".into()),
                ("password", PASSWORD.into()),
            ],
            "sign_in" => {
                let email = match caller {
                    Some(person) => person.email.clone(),
                    None => self.people[&Actor::BaseOnlyMember]
                        .as_ref()
                        .unwrap()
                        .email
                        .clone(),
                };
                vec![("email", email), ("password", PASSWORD.into())]
            }
            "create_account" => vec![("name", "Another".into())],
            "my_profile" | "end_other_sessions" => vec![],
            // Not the caller's address: nobody is deleted (see `reached_past_the_gate`).
            "delete_my_user" => vec![("confirm_email", "someone-else@example.test".into())],
            "request_password_reset" => vec![("email", unique_email())],
            "reset_link_works" => vec![("token", self.reset_token_for(caller).await)],
            // The caller's own password, set to the same again (a stranger's, for nobody).
            "reset_password" => vec![
                ("token", self.reset_token_for(caller).await),
                ("new_password", PASSWORD.into()),
            ],
            "change_display_name" => vec![("display_name", "Renamed Person".into())],
            // A link nobody was sent: the page says it does not work, to anyone.
            "verify_address" | "confirm_address" => vec![(
                "token",
                app::secrets::LinkToken::generate().as_str().to_owned(),
            )],
            "address_link" => vec![
                ("purpose", "verify".into()),
                (
                    "token",
                    app::secrets::LinkToken::generate().as_str().to_owned(),
                ),
            ],
            "send_verification_again" => vec![("next", "/profile".into())],
            // A new address nobody has: a link goes there, and nothing changes until followed.
            "change_address" => vec![
                ("new_email", unique_email()),
                ("current_password", PASSWORD.into()),
            ],
            // The same password again: the caller can still sign in with it afterwards.
            "change_password" => vec![
                ("current_password", PASSWORD.into()),
                ("new_password", PASSWORD.into()),
            ],
            "end_session" => vec![("session_id", self.another_session_of(caller).await)],
            "start_authenticator" | "cancel_authenticator" | "second_step_waits" => vec![],
            "authorization_prompt" => vec![("query", "client_id=nobody".to_owned())],
            "confirm_authenticator" | "make_recovery_codes" | "sign_in_with_code" => {
                vec![("code", "abc".into())]
            }
            "remove_authenticator" => vec![
                ("current_password", PASSWORD.into()),
                ("code", "abc".into()),
            ],
            "sign_in_with_recovery_code" => vec![("recovery_code", "abc".into())],
            "begin_passkey_registration" | "begin_passkey_second_step" => vec![],
            "begin_passkey_sign_in" => vec![("next", "/".into())],
            "finish_passkey_registration" => {
                vec![("name", "Laptop".into()), ("credential", "{}".into())]
            }
            "finish_passkey_sign_in" | "finish_passkey_second_step" => {
                vec![("credential", "{}".into())]
            }
            "remove_passkey" => vec![
                ("passkey_id", uuid::Uuid::new_v4().to_string()),
                ("current_password", PASSWORD.into()),
            ],
            "account_details" | "account_settings" | "list_roles" => vec![],
            // The same name: allowed callers change nothing, so later rows see the same account.
            "rename_account" => vec![("name", "Matrix".into())],
            // Off, as it is: allowed callers change nothing (turning it on has its own tests).
            "require_second_factor" => vec![("required", "false".into())],
            // Not the account's name: the account survives (see `reached_past_the_gate`).
            "delete_account" => vec![("confirm_name", "not the name".into())],
            "get_role" => vec![(
                "role_id",
                self.server.builtin_role_id(objects_in, "base").await,
            )],
            "create_role" => vec![("name", format!("New {}", uuid::Uuid::new_v4().simple()))],
            "rename_role" => vec![
                ("role_id", fresh_role().await),
                ("name", format!("Renamed {}", uuid::Uuid::new_v4().simple())),
            ],
            "duplicate_role" => vec![("role_id", fresh_role().await)],
            "set_role_permissions" => vec![
                ("role_id", fresh_role().await),
                ("permissions[]", "read:profile".into()),
            ],
            "delete_role" => vec![
                ("role_id", fresh_role().await),
                ("confirm", "delete".into()),
            ],
            "invite_users" => vec![("emails", unique_email())],
            "invite_options" | "pending_invitations" => vec![],
            "resend_invitation" => vec![(
                "invitation_id",
                self.invitation(objects_in, &unique_email()).await.0,
            )],
            "copy_invitation_link" => vec![(
                "invitation_id",
                self.invitation(objects_in, &unique_email()).await.0,
            )],
            "readdress_invitation" => vec![
                (
                    "invitation_id",
                    self.invitation(objects_in, &unique_email()).await.0,
                ),
                ("email", unique_email()),
            ],
            "resend_expired_invitations" => vec![("confirm", "resend".into())],
            "revoke_invitation" => vec![
                (
                    "invitation_id",
                    self.invitation(objects_in, &unique_email()).await.0,
                ),
                ("confirm", "revoke".into()),
            ],
            "api_keys" => vec![],
            // read:account is held by everyone who holds write:api_keys (Base has it).
            "create_api_key" => vec![
                ("name", "Matrix bot".into()),
                ("permissions[]", "read:account".into()),
                ("lifetime_days", "30".into()),
            ],
            "revoke_api_key" => vec![
                ("key_id", self.api_key(objects_in).await),
                ("confirm", "revoke".into()),
            ],
            "adopt_api_key" => vec![("key_id", self.api_key(objects_in).await)],
            "webhooks" => vec![],
            // Loopback: the matrix's server allows private endpoints; nothing listens there.
            "add_webhook" => vec![
                ("url", "http://127.0.0.1:9/matrix".into()),
                ("events[]", "member.added".into()),
            ],
            "remove_webhook" => vec![
                ("endpoint_id", self.webhook(objects_in).await.0),
                ("confirm", "remove".into()),
            ],
            "resume_webhook" => vec![("endpoint_id", self.webhook(objects_in).await.0)],
            "redeliver_webhook" => {
                vec![("delivery_id", self.webhook(objects_in).await.1.to_string())]
            }
            "my_invitations" => vec![],
            "members_page" => vec![],
            "set_member_roles" | "remove_member" => {
                let target = self.server.person().await;
                self.server.add_member(objects_in, &target).await;
                let mut pairs = vec![("user_id", target.user_id)];
                if function == "remove_member" {
                    pairs.push(("confirm", "remove".into()));
                }
                pairs
            }
            "search_users" => vec![
                (
                    "role_id",
                    self.server.builtin_role_id(objects_in, "admin").await,
                ),
                ("query", "a".into()),
            ],
            "add_to_role" => {
                let target = self.server.person().await;
                self.server.add_member(objects_in, &target).await;
                vec![("user_id", target.user_id), ("role_id", fresh_role().await)]
            }
            "audit_log" | "audit_log_csv" => vec![("action", "role.created".into())],
            "transfer_ownership" => {
                let heir = if objects_in == self.account {
                    &self.people[&Actor::Admin]
                } else {
                    &self.people[&Actor::MemberOfAnotherAccount]
                };
                vec![
                    ("user_id", heir.as_ref().unwrap().user_id.clone()),
                    ("confirm", "transfer".into()),
                ]
            }
            "open_invitation" => vec![(
                "token",
                self.invitation(&self.elsewhere, &unique_email()).await.1,
            )],
            "accept_invitation" | "decline_invitation" => {
                let email = caller.map_or_else(unique_email, |p| p.email.clone());
                let (id, token) = self.invitation(&self.elsewhere, &email).await;
                vec![("invitation_id", id), ("token", token)]
            }
            other => panic!("no arguments known for {other}: add them here"),
        };
        let needs_account = !matches!(
            function,
            "whoami"
                | "sign_out"
                | "my_accounts"
                | "sign_up"
                | "sign_in"
                | "create_account"
                | "my_profile"
                | "request_password_reset"
                | "reset_link_works"
                | "reset_password"
                | "change_display_name"
                | "change_password"
                | "end_session"
                | "end_other_sessions"
                | "delete_my_user"
                | "verify_address"
                | "confirm_address"
                | "send_verification_again"
                | "change_address"
                | "start_authenticator"
                | "confirm_authenticator"
                | "cancel_authenticator"
                | "remove_authenticator"
                | "make_recovery_codes"
                | "second_step_waits"
                | "authorization_prompt"
                | "sign_in_with_code"
                | "sign_in_with_recovery_code"
                | "begin_passkey_registration"
                | "finish_passkey_registration"
                | "remove_passkey"
                | "begin_passkey_sign_in"
                | "finish_passkey_sign_in"
                | "begin_passkey_second_step"
                | "finish_passkey_second_step"
                | "my_invitations"
                | "open_invitation"
                | "accept_invitation"
                | "decline_invitation"
        );
        needs_account
            .then_some(account)
            .into_iter()
            .chain(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)))
            .collect()
    }
}

impl World {
    /// A live API key of the account, written directly.
    async fn api_key(&self, account: &str) -> String {
        let id = uuid::Uuid::new_v4().to_string();
        app::db::query(
            "INSERT INTO api_keys (id, account_id, name, secret_hash, hint, created_at)
             VALUES ($1, $2, 'Matrix key', $3, 'roster_…', '2026-01-01T00:00:00.000Z')",
        )
        .bind(&id)
        .bind(account)
        .bind(uuid::Uuid::new_v4().as_bytes().repeat(2))
        .execute(&self.server.pool)
        .await
        .expect("an API key");
        id
    }

    /// An endpoint of the account (on a port nothing listens on) and one delivered event of it.
    async fn webhook(&self, account: &str) -> (String, i64) {
        let id = uuid::Uuid::new_v4().to_string();
        app::db::query(
            "INSERT INTO webhook_endpoints (id, account_id, url, events, secret, created_at)
             VALUES ($1, $2, 'http://127.0.0.1:9/matrix', 'member.added', 'whsec_matrix', '2026-01-01T00:00:00.000Z')",
        )
        .bind(&id)
        .bind(account)
        .execute(&self.server.pool)
        .await
        .expect("a webhook endpoint");
        let delivery = app::db::query_scalar(
            "INSERT INTO webhook_deliveries (endpoint_id, event_id, event, payload, created_at, next_attempt_at, delivered_at, attempts, last_status)
             VALUES ($1, 'evt_matrix', 'member.added', '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 1, 200)
             RETURNING id",
        )
        .bind(&id)
        .fetch_one(&self.server.pool)
        .await
        .expect("a delivery");
        (id, delivery)
    }

    /// A working password-reset link of the caller's user (of a new user, for nobody).
    async fn reset_token_for(&self, caller: Option<&Person>) -> String {
        let user_id = match caller {
            Some(person) => person.user_id.clone(),
            None => self.server.person().await.user_id,
        };
        let token = app::secrets::LinkToken::generate();
        app::db::query(
            "INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at)
             VALUES ($1, $2, 'password_reset', '2026-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z')",
        )
        .bind(token.hash().0.as_slice())
        .bind(&user_id)
        .execute(&self.server.pool)
        .await
        .expect("reset token");
        token.as_str().to_owned()
    }

    /// A second session of the caller (say, another browser), to be signed out.
    async fn another_session_of(&self, caller: Option<&Person>) -> String {
        let id = uuid::Uuid::new_v4().to_string();
        if let Some(person) = caller {
            app::db::query(
                "INSERT INTO user_sessions (id, user_id, started_at, last_seen_at, user_agent, ip)
                 VALUES ($1, $2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'Other', '')",
            )
            .bind(&id)
            .bind(&person.user_id)
            .execute(&self.server.pool)
            .await
            .expect("session");
        }
        id
    }

    /// A pending invitation of `email` to `account`, with a token the test knows.
    async fn invitation(&self, account: &str, email: &str) -> (String, String) {
        let token = app::secrets::LinkToken::generate();
        let id = uuid::Uuid::new_v4().to_string();
        app::db::query(
            "INSERT INTO invitations (id, account_id, email, token_hash, created_at, sent_at, expires_at)
             VALUES ($1, $2, $3, $4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z')",
        )
        .bind(&id)
        .bind(account)
        .bind(email)
        .bind(token.hash().0.as_slice())
        .execute(&self.server.pool)
        .await
        .expect("invitation");
        (id, token.as_str().to_owned())
    }
}
