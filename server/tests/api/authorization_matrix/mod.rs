//! Every server function × every kind of caller → allowed or refused, over HTTP against the real
//! router. The list of functions comes from the router itself: a server function added without a
//! row here fails `every_registered_server_function_has_a_row`.

use crate::support::{PASSWORD, TestServer};
use crate::world::Person;
use app::permissions::BuiltinRole;
use app::permissions::{Permission, PermissionSet};
use std::collections::{BTreeMap, BTreeSet};

mod arguments;
mod cross_account;

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
    ("start_authenticator", Needs::SignedIn),
    ("confirm_authenticator", Needs::SignedIn),
    ("cancel_authenticator", Needs::SignedIn),
    ("remove_authenticator", Needs::SignedIn),
    ("make_recovery_codes", Needs::SignedIn),
    ("second_step_waits", Needs::Anyone),
    ("authorization_prompt", Needs::SignedIn),
    ("begin_passkey_registration", Needs::SignedIn),
    ("finish_passkey_registration", Needs::SignedIn),
    ("remove_passkey", Needs::SignedIn),
    ("begin_passkey_sign_in", Needs::Anyone),
    ("finish_passkey_sign_in", Needs::Anyone),
    ("begin_passkey_second_step", Needs::Anyone),
    ("finish_passkey_second_step", Needs::Anyone),
    ("sign_in_with_code", Needs::Anyone),
    ("sign_in_with_recovery_code", Needs::Anyone),
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
        "require_second_factor",
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
    (
        "copy_invitation_link",
        Needs::Permission(Permission::WriteInvites),
    ),
    (
        "readdress_invitation",
        Needs::Permission(Permission::WriteInvites),
    ),
    (
        "resend_expired_invitations",
        Needs::Permission(Permission::WriteInvites),
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
    /// For a row that either of several permissions allows: a member with only the last one.
    MemberWithTheOtherPermission,
    /// For a `write:`/`delete:` row: a member with only the `read:` it implies (which every
    /// holder of the write gets too, so only this caller tells the two apart).
    MemberWithOnlyTheImpliedRead,
    Admin,
    Owner,
    MemberOfAnotherAccount,
}

const ACTORS: [Actor; 9] = [
    Actor::NotSignedIn,
    Actor::SignedInNotMember,
    Actor::BaseOnlyMember,
    Actor::MemberWithExactlyThePermission,
    Actor::MemberWithTheOtherPermission,
    Actor::MemberWithOnlyTheImpliedRead,
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
            Actor::MemberWithExactlyThePermission
            | Actor::MemberWithTheOtherPermission
            | Actor::Owner => true,
            // Holding only a read (or, for a read row, nothing), no row's permission is theirs
            // but what Base gives everyone.
            Actor::MemberWithOnlyTheImpliedRead => {
                BuiltinRole::Base.permissions().contains(permission)
            }
            Actor::Admin => BuiltinRole::Admin.permissions().contains(permission),
        },
        Needs::AnyOf(permissions) => match actor {
            // What the first permission implies, and nothing of the others.
            Actor::MemberWithOnlyTheImpliedRead => permissions
                .iter()
                .any(|p| BuiltinRole::Base.permissions().contains(*p)),
            _ => permissions
                .iter()
                .any(|p| expected_allowed(Needs::Permission(*p), actor)),
        },
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
    let readme = include_str!("../../../../README.md");
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
        // A member holding exactly each permission a row names, and each read those imply.
        let mut exact = BTreeMap::new();
        for (_, needs) in MATRIX {
            let named: Vec<Permission> = match needs {
                Needs::Permission(permission) => vec![*permission],
                Needs::AnyOf(permissions) => permissions.to_vec(),
                _ => continue,
            };
            let implied = named.iter().filter_map(|p| p.implied_read());
            for permission in named.iter().copied().chain(implied) {
                if let std::collections::btree_map::Entry::Vacant(slot) = exact.entry(permission) {
                    slot.insert(server.member_with(&account, &[permission]).await);
                }
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
            (Actor::MemberWithTheOtherPermission, Needs::Permission(permission)) => {
                self.exact.get(&permission)
            }
            (Actor::MemberWithTheOtherPermission, Needs::AnyOf(permissions)) => {
                self.exact.get(permissions.last().unwrap())
            }
            (Actor::MemberWithOnlyTheImpliedRead, Needs::Permission(permission)) => {
                match permission.implied_read() {
                    Some(read) => self.exact.get(&read),
                    None => self.people[&Actor::BaseOnlyMember].as_ref(),
                }
            }
            (Actor::MemberWithOnlyTheImpliedRead, Needs::AnyOf(permissions)) => {
                match permissions[0].implied_read() {
                    Some(read) => self.exact.get(&read),
                    None => self.people[&Actor::BaseOnlyMember].as_ref(),
                }
            }
            // Without a permission to hold, these members are Base-only members.
            (
                Actor::MemberWithExactlyThePermission
                | Actor::MemberWithTheOtherPermission
                | Actor::MemberWithOnlyTheImpliedRead,
                _,
            ) => self.people[&Actor::BaseOnlyMember].as_ref(),
            _ => self.people[&actor].as_ref(),
        }
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
        // The matrix types no code that could be right ("abc"), so nobody gains a second
        // factor that later rows' sign-ins would ask for.
        "confirm_authenticator" | "remove_authenticator" | "make_recovery_codes" => {
            status == reqwest::StatusCode::UNPROCESSABLE_ENTITY
        }
        // No sign-in waits for a second factor in the matrix's browsers.
        "sign_in_with_code"
        | "sign_in_with_recovery_code"
        | "begin_passkey_second_step"
        | "finish_passkey_second_step" => status == reqwest::StatusCode::CONFLICT,
        // The matrix's browsers hold no authenticator: what they answer cannot be read.
        "finish_passkey_registration" | "finish_passkey_sign_in" => {
            status == reqwest::StatusCode::UNPROCESSABLE_ENTITY
        }
        // A passkey nobody has.
        "remove_passkey" => status == reqwest::StatusCode::NOT_FOUND,
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

/// The matrix's column for an account that requires a second factor: a member without one
/// (here the Admin) is refused by every function of the account, whatever they hold, and let
/// through again once they add one.
#[tokio::test]
async fn with_a_second_factor_required_every_account_function_refuses_a_member_without_one() {
    let world = World::new().await;
    let owner = world.people[&Actor::Owner].as_ref().unwrap();
    let admin = world.people[&Actor::Admin].as_ref().unwrap();
    crate::second_factor_http::enrol(owner).await;
    let on = owner
        .client
        .call(
            "require_second_factor",
            &[("account_id", world.account.as_str()), ("required", "true")],
        )
        .await;
    assert_eq!(on.status(), reqwest::StatusCode::OK);
    let mut let_through = Vec::new();
    for (function, needs) in MATRIX {
        if matches!(needs, Needs::Anyone | Needs::SignedIn) {
            continue;
        }
        let arguments = world.arguments(function, Some(admin)).await;
        let form: Vec<(&str, &str)> = arguments
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let response = if *function == "audit_log_csv" {
            let query: String = form
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&");
            admin.client.get(&format!("/api/{function}?{query}")).await
        } else {
            admin.client.call(function, &form).await
        };
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        if status != reqwest::StatusCode::FORBIDDEN || !body.contains("SecondFactorRequired") {
            let_through.push(format!("{function}: {status} {body}"));
        }
    }
    assert!(let_through.is_empty(), "{let_through:#?}");
    crate::second_factor_http::enrol(admin).await;
    let details = admin
        .client
        .call("account_details", &[("account_id", world.account.as_str())])
        .await;
    assert_eq!(details.status(), reqwest::StatusCode::OK);
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
