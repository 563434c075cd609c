//! Every server function × every kind of caller → allowed or refused, over HTTP against the real
//! router. The list of functions comes from the router itself: a server function added without a
//! row here fails `every_registered_server_function_has_a_row`.

use crate::support::{PASSWORD, TestServer, unique_email};
use crate::world::Person;
use app::permissions::BuiltinRole;
use app::permissions::{Permission, PermissionSet};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug)]
enum Needs {
    Anyone,
    SignedIn,
    Permission(Permission),
    AnyOf(&'static [Permission]),
    Owner,
}

/// The one place that says what each server function needs.
const MATRIX: &[(&str, Needs)] = &[
    ("whoami", Needs::Anyone),
    ("sign_up", Needs::Anyone),
    ("sign_in", Needs::Anyone),
    ("sign_out", Needs::Anyone),
    ("my_accounts", Needs::SignedIn),
    ("create_account", Needs::SignedIn),
    ("request_password_reset", Needs::Anyone),
    ("reset_link_works", Needs::Anyone),
    ("reset_password", Needs::Anyone),
    ("my_profile", Needs::SignedIn),
    ("change_display_name", Needs::SignedIn),
    ("change_password", Needs::SignedIn),
    ("end_session", Needs::SignedIn),
    ("end_other_sessions", Needs::SignedIn),
    ("delete_my_user", Needs::SignedIn),
    ("verify_address", Needs::SignedIn),
    ("confirm_address", Needs::SignedIn),
    ("address_link", Needs::Anyone),
    ("send_verification_again", Needs::SignedIn),
    ("change_address", Needs::SignedIn),
    (
        "account_details",
        Needs::Permission(Permission::ReadAccount),
    ),
    (
        "account_settings",
        Needs::Permission(Permission::ReadAccount),
    ),
    (
        "rename_account",
        Needs::Permission(Permission::WriteAccount),
    ),
    (
        "delete_account",
        Needs::Permission(Permission::DeleteAccount),
    ),
    ("list_roles", Needs::Permission(Permission::ReadRoles)),
    ("get_role", Needs::Permission(Permission::ReadRoles)),
    ("create_role", Needs::Permission(Permission::WriteRoles)),
    ("rename_role", Needs::Permission(Permission::WriteRoles)),
    ("duplicate_role", Needs::Permission(Permission::WriteRoles)),
    (
        "set_role_permissions",
        Needs::Permission(Permission::WriteRoles),
    ),
    ("delete_role", Needs::Permission(Permission::DeleteRoles)),
    ("invite_users", Needs::Permission(Permission::WriteInvites)),
    (
        "invite_options",
        Needs::Permission(Permission::WriteInvites),
    ),
    (
        "pending_invitations",
        Needs::Permission(Permission::ReadInvites),
    ),
    (
        "resend_invitation",
        Needs::Permission(Permission::WriteInvites),
    ),
    (
        "revoke_invitation",
        Needs::AnyOf(&[Permission::WriteInvites, Permission::DeleteInvites]),
    ),
    ("api_keys", Needs::Permission(Permission::ReadApiKeys)),
    (
        "create_api_key",
        Needs::Permission(Permission::WriteApiKeys),
    ),
    (
        "revoke_api_key",
        Needs::Permission(Permission::WriteApiKeys),
    ),
    ("adopt_api_key", Needs::Permission(Permission::WriteApiKeys)),
    ("webhooks", Needs::Permission(Permission::ReadWebhooks)),
    ("add_webhook", Needs::Permission(Permission::WriteWebhooks)),
    (
        "remove_webhook",
        Needs::Permission(Permission::WriteWebhooks),
    ),
    (
        "redeliver_webhook",
        Needs::Permission(Permission::WriteWebhooks),
    ),
    (
        "resume_webhook",
        Needs::Permission(Permission::WriteWebhooks),
    ),
    ("my_invitations", Needs::Anyone),
    ("open_invitation", Needs::Anyone),
    ("accept_invitation", Needs::SignedIn),
    ("decline_invitation", Needs::SignedIn),
    ("members_page", Needs::Permission(Permission::ReadUsers)),
    (
        "set_member_roles",
        Needs::Permission(Permission::WriteUsers),
    ),
    ("remove_member", Needs::Permission(Permission::DeleteUsers)),
    ("transfer_ownership", Needs::Owner),
    ("search_users", Needs::Permission(Permission::ReadUsers)),
    ("add_to_role", Needs::Permission(Permission::WriteUsers)),
    ("audit_log", Needs::Permission(Permission::ReadAuditLog)),
    ("audit_log_csv", Needs::Permission(Permission::ReadAuditLog)),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Actor {
    NotSignedIn,
    SignedInNotMember,
    BaseOnlyMember,
    MemberWithExactlyThePermission,
    Admin,
    Owner,
    MemberOfAnotherAccount,
}

const ACTORS: [Actor; 7] = [
    Actor::NotSignedIn,
    Actor::SignedInNotMember,
    Actor::BaseOnlyMember,
    Actor::MemberWithExactlyThePermission,
    Actor::Admin,
    Actor::Owner,
    Actor::MemberOfAnotherAccount,
];

fn expected_allowed(needs: Needs, actor: Actor) -> bool {
    match needs {
        Needs::Anyone => true,
        Needs::SignedIn => actor != Actor::NotSignedIn,
        Needs::Permission(permission) => match actor {
            Actor::NotSignedIn | Actor::SignedInNotMember | Actor::MemberOfAnotherAccount => false,
            Actor::BaseOnlyMember => BuiltinRole::Base.permissions().contains(permission),
            Actor::MemberWithExactlyThePermission | Actor::Owner => true,
            Actor::Admin => BuiltinRole::Admin.permissions().contains(permission),
        },
        Needs::AnyOf(permissions) => permissions
            .iter()
            .any(|p| expected_allowed(Needs::Permission(*p), actor)),
        Needs::Owner => actor == Actor::Owner,
    }
}

#[test]
fn every_registered_server_function_has_a_row() {
    let registered: BTreeSet<String> = server_fn::axum::server_fn_paths()
        .map(|(path, _method)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let rows: BTreeSet<String> = MATRIX.iter().map(|(name, _)| (*name).to_owned()).collect();
    let missing: Vec<_> = registered.difference(&rows).collect();
    let stale: Vec<_> = rows.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "server functions without a row in the authorization matrix: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "matrix rows for server functions that no longer exist: {stale:?}"
    );
    assert!(registered.len() >= MATRIX.len());
    // The README's table says the same to its readers (and the benchmark fuzzes what it lists).
    let readme = include_str!("../../../README.md");
    let undocumented: Vec<_> = registered
        .iter()
        .filter(|name| !readme.contains(&format!("`/api/{name}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "server functions missing from the README's table: {undocumented:?}"
    );
}

struct World {
    server: TestServer,
    account: String,
    /// Where callers are invited to, so that accepting changes nothing in `account`.
    elsewhere: String,
    people: BTreeMap<Actor, Option<Person>>,
    exact: BTreeMap<Permission, Person>,
}

impl World {
    async fn new() -> Self {
        // Every caller here comes from one address; throttling is tested on its own.
        let server = TestServer::start_with(|config| {
            config.sign_in_attempts_per_client = 10_000;
            config.verification_resend_minutes = 0;
            config.allow_private_webhooks = true;
        })
        .await;
        let (account, owner) = server.account("Matrix").await;
        let (elsewhere, other) = server.account("Elsewhere").await;
        let not_member = server.person().await;
        let base_only = server.person().await;
        server.add_member(&account, &base_only).await;
        let admin = server.person().await;
        server.add_member(&account, &admin).await;
        let admin_role = server.builtin_role_id(&account, "admin").await;
        server.assign(&account, &admin, &admin_role).await;
        let mut exact = BTreeMap::new();
        for (_, needs) in MATRIX {
            let permission = match needs {
                Needs::Permission(permission) => permission,
                Needs::AnyOf(permissions) => &permissions[0],
                _ => continue,
            };
            if !exact.contains_key(permission) {
                exact.insert(
                    *permission,
                    server.member_with(&account, &[*permission]).await,
                );
            }
        }
        let people = BTreeMap::from([
            (Actor::NotSignedIn, None),
            (Actor::SignedInNotMember, Some(not_member)),
            (Actor::BaseOnlyMember, Some(base_only)),
            (Actor::Admin, Some(admin)),
            (Actor::Owner, Some(owner)),
            (Actor::MemberOfAnotherAccount, Some(other)),
        ]);
        Self {
            server,
            account,
            elsewhere,
            people,
            exact,
        }
    }

    fn person(&self, actor: Actor, needs: Needs) -> Option<&Person> {
        match (actor, needs) {
            (Actor::MemberWithExactlyThePermission, Needs::Permission(permission)) => {
                self.exact.get(&permission)
            }
            (Actor::MemberWithExactlyThePermission, Needs::AnyOf(permissions)) => {
                self.exact.get(&permissions[0])
            }
            // Without a permission to hold, the "exact" member is a Base-only member.
            (Actor::MemberWithExactlyThePermission, _) => {
                self.people[&Actor::BaseOnlyMember].as_ref()
            }
            _ => self.people[&actor].as_ref(),
        }
    }

    /// Arguments with which the call succeeds for anyone allowed to make it.
    async fn arguments(&self, function: &str, caller: Option<&Person>) -> Vec<(String, String)> {
        let account = ("account_id".to_owned(), self.account.clone());
        let fresh_role = || async {
            self.server
                .custom_role(
                    &self.account,
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
            "account_details" | "account_settings" | "list_roles" => vec![],
            // The same name: allowed callers change nothing, so later rows see the same account.
            "rename_account" => vec![("name", "Matrix".into())],
            // Not the account's name: the account survives (see `reached_past_the_gate`).
            "delete_account" => vec![("confirm_name", "not the name".into())],
            "get_role" => vec![(
                "role_id",
                self.server.builtin_role_id(&self.account, "base").await,
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
                self.invitation(&self.account, &unique_email()).await.0,
            )],
            "revoke_invitation" => vec![
                (
                    "invitation_id",
                    self.invitation(&self.account, &unique_email()).await.0,
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
                ("key_id", self.api_key(&self.account).await),
                ("confirm", "revoke".into()),
            ],
            "adopt_api_key" => vec![("key_id", self.api_key(&self.account).await)],
            "webhooks" => vec![],
            // Loopback: the matrix's server allows private endpoints; nothing listens there.
            "add_webhook" => vec![
                ("url", "http://127.0.0.1:9/matrix".into()),
                ("events[]", "member.added".into()),
            ],
            "remove_webhook" => vec![
                ("endpoint_id", self.webhook(&self.account).await.0),
                ("confirm", "remove".into()),
            ],
            "resume_webhook" => vec![("endpoint_id", self.webhook(&self.account).await.0)],
            "redeliver_webhook" => vec![(
                "delivery_id",
                self.webhook(&self.account).await.1.to_string(),
            )],
            "my_invitations" => vec![],
            "members_page" => vec![],
            "set_member_roles" | "remove_member" => {
                let target = self.server.person().await;
                self.server.add_member(&self.account, &target).await;
                let mut pairs = vec![("user_id", target.user_id)];
                if function == "remove_member" {
                    pairs.push(("confirm", "remove".into()));
                }
                pairs
            }
            "search_users" => vec![
                (
                    "role_id",
                    self.server.builtin_role_id(&self.account, "admin").await,
                ),
                ("query", "a".into()),
            ],
            "add_to_role" => {
                let target = self.server.person().await;
                self.server.add_member(&self.account, &target).await;
                vec![("user_id", target.user_id), ("role_id", fresh_role().await)]
            }
            "audit_log" | "audit_log_csv" => vec![("action", "role.created".into())],
            "transfer_ownership" => vec![
                (
                    "user_id",
                    self.people[&Actor::Admin].as_ref().unwrap().user_id.clone(),
                ),
                ("confirm", "transfer".into()),
            ],
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

/// A deletion is refused until the account's name (or the user's address) is typed; the matrix
/// types a wrong one so that nothing is deleted, and a caller who gets that far was let through
/// the gate (an owner, who may not delete their user, is told so: 409).
fn reached_past_the_gate(function: &str, status: reqwest::StatusCode) -> bool {
    match function {
        "delete_account" => status == reqwest::StatusCode::UNPROCESSABLE_ENTITY,
        "delete_my_user" => matches!(status.as_u16(), 409 | 422),
        // Holding only write:webhooks, no event's data is readable: the events are refused.
        "add_webhook" => status == reqwest::StatusCode::UNPROCESSABLE_ENTITY,
        // The matrix's endpoint is not paused: there is nothing to resume.
        "resume_webhook" => status == reqwest::StatusCode::CONFLICT,
        // Verified already, or a link went a moment ago.
        "send_verification_again" => matches!(status.as_u16(), 409 | 429),
        _ => false,
    }
}

#[tokio::test]
async fn every_server_function_allows_exactly_the_callers_with_what_it_needs() {
    let world = World::new().await;
    let anonymous = world.server.client();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (function, needs) in MATRIX {
        for actor in ACTORS {
            let person = world.person(actor, *needs);
            let client = person.map_or(&anonymous, |p| &p.client);
            let arguments = world.arguments(function, person).await;
            let form: Vec<(&str, &str)> = arguments
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let status = if *function == "audit_log_csv" {
                // A GET, so that a plain link downloads the file.
                let query: String = form
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("&");
                client
                    .get(&format!("/api/{function}?{query}"))
                    .await
                    .status()
            } else {
                client.call(function, &form).await.status()
            };
            let allowed = status.is_success() || reached_past_the_gate(function, status);
            let refused = matches!(status.as_u16(), 401 | 403 | 404);
            let expected = expected_allowed(*needs, actor);
            if (expected && !allowed) || (!expected && !refused) {
                failures.push(format!(
                    "{function} by {actor:?}: got {status}, expected {}",
                    if expected { "allowed" } else { "refused" }
                ));
            }
            checked += 1;
            // Ownership handed to the admin goes back to the owner.
            if *function == "transfer_ownership" && allowed {
                let owner = world.people[&Actor::Owner].as_ref().unwrap();
                let admin = world.people[&Actor::Admin].as_ref().unwrap();
                let back = admin
                    .client
                    .call(
                        "transfer_ownership",
                        &[
                            ("account_id", world.account.as_str()),
                            ("user_id", owner.user_id.as_str()),
                            ("confirm", "transfer"),
                        ],
                    )
                    .await;
                assert!(back.status().is_success(), "ownership goes back");
            }
            // Calls that change the session put the caller back as they were.
            if matches!(
                *function,
                "sign_up" | "sign_in" | "sign_out" | "reset_password"
            ) {
                match person {
                    Some(person) => {
                        client
                            .call(
                                "sign_in",
                                &[("email", &person.email), ("password", PASSWORD)],
                            )
                            .await;
                    }
                    None => {
                        client.call("sign_out", &[]).await;
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix failures:\n{}",
        failures.join("\n")
    );
    assert_eq!(checked, MATRIX.len() * ACTORS.len());
}

#[test]
fn the_matrix_expectations_follow_the_built_in_roles() {
    // Base may read the account but not roles; Admin may not write the account.
    assert!(expected_allowed(
        Needs::Permission(Permission::ReadAccount),
        Actor::BaseOnlyMember
    ));
    assert!(!expected_allowed(
        Needs::Permission(Permission::ReadRoles),
        Actor::BaseOnlyMember
    ));
    assert!(!expected_allowed(
        Needs::Permission(Permission::WriteAccount),
        Actor::Admin
    ));
    assert!(PermissionSet::all().contains(Permission::WriteAccount));
}
