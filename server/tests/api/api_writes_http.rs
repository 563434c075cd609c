//! The write side of the JSON API: a key invites, changes roles, removes members and edits
//! roles through the page's rules, within what it holds, and the audit log names the key.

use crate::keys::{api, create_key};
use crate::support::TestServer;
use app::access::queries::MemberRights;
use app::access::{Actor, Caller};
use app::error::AppError;
use app::permissions::Permission;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The actors of the account's audit log as the owner's page shows them, by action.
async fn logged_actors(owner: &crate::world::Person, account: &str, action: &str) -> Vec<String> {
    let page: Value = owner
        .client
        .call("audit_log", &[("account_id", account), ("action", action)])
        .await
        .json()
        .await
        .unwrap();
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["actor"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_key_invites_changes_roles_and_removes_as_the_page_does_and_the_log_names_the_key() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Automation Co").await;
    let secret = create_key(
        &owner.client,
        &account,
        &[
            "write:invites",
            "read:invites",
            "write:users",
            "delete:users",
            "read:users",
        ],
    )
    .await;
    let invitee = crate::support::unique_email();

    let (status, answers) = api(
        &server,
        &secret,
        "POST",
        &format!("/accounts/{account}/invitations"),
        Some(json!({ "emails": [invitee, "no address", owner.email] })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answers}");
    assert_eq!(
        answers,
        json!([
            { "email": "no address", "outcome": "invalid" },
            { "email": invitee, "outcome": "invited" },
            { "email": owner.email, "outcome": "member" },
        ])
    );
    let subject: String = app::db::query_scalar("SELECT subject FROM outbox WHERE recipient = $1")
        .bind(&invitee)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(subject, "You are invited to join Automation Co on Roster");
    let (_, pending) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{account}/invitations"),
        None,
    )
    .await;
    assert_eq!(pending[0]["invited_by"], "API key \u{2018}ci-bot\u{2019}");
    let invitation = pending[0]["id"].as_str().unwrap().to_owned();

    let member = server.person().await;
    server.add_member(&account, &member).await;
    let readers = server
        .custom_role(&account, "Readers", &[Permission::ReadUsers])
        .await;
    let path = format!("/accounts/{account}/members/{}", member.user_id);
    let (status, changed) = api(
        &server,
        &secret,
        "PATCH",
        &path,
        Some(json!({ "roles": [readers] })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    let names: Vec<&str> = changed["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|role| role["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Base", "Readers"]);

    let (status, _) = api(&server, &secret, "DELETE", &path, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = api(&server, &secret, "GET", &path, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let owner_path = format!("/accounts/{account}/members/{}", owner.user_id);
    let (status, refusal) = api(&server, &secret, "DELETE", &owner_path, None).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(refusal["detail"].as_str().unwrap().contains("owner"));

    let revoke = format!("/accounts/{account}/invitations/{invitation}");
    let (status, _) = api(&server, &secret, "DELETE", &revoke, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = api(&server, &secret, "DELETE", &revoke, None).await;
    assert_eq!(status, StatusCode::CONFLICT, "revoked already");

    for action in [
        "invitation.created",
        "member.roles_changed",
        "member.removed",
        "invitation.revoked",
    ] {
        assert_eq!(
            logged_actors(&owner, &account, action).await,
            ["API key \u{2018}ci-bot\u{2019}"],
            "{action}"
        );
    }
}

#[tokio::test]
async fn a_key_gives_and_takes_away_only_roles_whose_permissions_it_holds() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Narrow Key Co").await;
    let secret = create_key(&owner.client, &account, &["write:users", "read:users"]).await;
    let member = server.person().await;
    server.add_member(&account, &member).await;
    let admin = server.builtin_role_id(&account, "admin").await;
    let owner_role = server.builtin_role_id(&account, "owner").await;
    let path = format!("/accounts/{account}/members/{}", member.user_id);
    for roles in [json!([admin]), json!([owner_role])] {
        let (status, refusal) = api(
            &server,
            &secret,
            "PATCH",
            &path,
            Some(json!({ "roles": roles })),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refusal}");
        assert_eq!(refusal["errors"][0]["field"], "roles");
    }
    let (status, _) = api(
        &server,
        &secret,
        "PATCH",
        &path,
        Some(json!({ "roles": "not a list" })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Without delete:users there is no removing.
    let (status, _) = api(&server, &secret, "DELETE", &path, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM member_roles WHERE account_id = $1",
                &account
            )
            .await,
        0
    );
}

#[tokio::test]
async fn members_come_a_page_at_a_time_after_a_cursor_filtered_by_role_and_query() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Paged Co").await;
    let secret = create_key(&owner.client, &account, &["read:users"]).await;
    let readers = server
        .custom_role(&account, "Readers", &[Permission::ReadUsers])
        .await;
    let mut everyone = vec![owner.user_id.clone()];
    for n in 0..5 {
        let member = server.person().await;
        server.add_member(&account, &member).await;
        if n % 2 == 0 {
            server.assign(&account, &member, &readers).await;
        }
        everyone.push(member.user_id);
    }

    let mut seen = Vec::new();
    let mut after = String::new();
    let mut pages = 0;
    loop {
        let (status, page) = api(
            &server,
            &secret,
            "GET",
            &format!("/accounts/{account}/members?limit=2&after={after}"),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        pages += 1;
        for member in page["members"].as_array().unwrap() {
            seen.push(member["user_id"].as_str().unwrap().to_owned());
        }
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 6, "each member once");
    everyone.sort();
    assert_eq!(sorted, everyone);

    let (_, holders) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{account}/members?role={readers}"),
        None,
    )
    .await;
    assert_eq!(holders["members"].as_array().unwrap().len(), 3);
    let owner_role = server.builtin_role_id(&account, "owner").await;
    let (_, owners) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{account}/members?role={owner_role}"),
        None,
    )
    .await;
    assert_eq!(owners["members"][0]["user_id"], owner.user_id.as_str());
    assert_eq!(owners["members"].as_array().unwrap().len(), 1);
    let (_, found) = api(
        &server,
        &secret,
        "GET",
        &format!(
            "/accounts/{account}/members?query={}",
            owner.email.to_uppercase()
        ),
        None,
    )
    .await;
    assert_eq!(found["members"].as_array().unwrap().len(), 1);

    for query in ["limit=0", "limit=101", "after=zz", "after=abc", "limit=x"] {
        let (status, refusal) = api(
            &server,
            &secret,
            "GET",
            &format!("/accounts/{account}/members?{query}"),
            None,
        )
        .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {refusal}"
        );
    }
}

#[tokio::test]
async fn a_key_builds_roles_only_from_permissions_it_holds_and_never_changes_a_built_in_one() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Role Key Co").await;
    let secret = create_key(
        &owner.client,
        &account,
        &["write:roles", "delete:roles", "read:users", "write:invites"],
    )
    .await;
    let roles = format!("/accounts/{account}/roles");
    let (status, created) = api(
        &server,
        &secret,
        "POST",
        &roles,
        Some(json!({ "name": "Support", "permissions": ["write:invites"] })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        created["permissions"],
        json!(["read:invites", "write:invites"])
    );
    let role = format!("{roles}/{}", created["id"].as_str().unwrap());

    let (status, refusal) = api(
        &server,
        &secret,
        "POST",
        &roles,
        Some(json!({ "name": "Too strong", "permissions": ["write:account"] })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refusal["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("write:account")
    );
    let (status, _) = api(
        &server,
        &secret,
        "POST",
        &roles,
        Some(json!({ "name": "support", "permissions": [] })),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the name is taken"
    );

    let (status, changed) = api(
        &server,
        &secret,
        "PATCH",
        &role,
        Some(json!({ "name": "Helpdesk", "permissions": ["read:users"] })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["name"], "Helpdesk");
    assert_eq!(changed["permissions"], json!(["read:users"]));
    let admin = server.builtin_role_id(&account, "admin").await;
    let (status, _) = api(
        &server,
        &secret,
        "PATCH",
        &format!("{roles}/{admin}"),
        Some(json!({ "name": "Boss" })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let (status, _) = api(&server, &secret, "DELETE", &role, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = api(&server, &secret, "DELETE", &role, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for action in [
        "role.created",
        "role.renamed",
        "role.permissions_changed",
        "role.deleted",
    ] {
        assert_eq!(
            logged_actors(&owner, &account, action).await,
            ["API key \u{2018}ci-bot\u{2019}"],
            "{action}"
        );
    }
}

#[tokio::test]
async fn a_key_revoked_after_the_gate_let_it_in_is_refused_inside_the_write() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Late Revoke Co").await;
    create_key(&owner.client, &account, &["write:roles"]).await;
    let key_id: String = app::db::query_scalar("SELECT id FROM api_keys WHERE account_id = $1")
        .bind(&account)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let mut caller = Caller::let_in(
        Actor::Key {
            id: key_id.clone(),
            name: "ci-bot".into(),
        },
        &account,
        MemberRights {
            permissions: app::permissions::PermissionSet::new([Permission::WriteRoles]),
            is_owner: false,
            needs_second_factor: false,
        },
        &[Permission::WriteRoles],
    );
    app::db::query("UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE id = $1")
        .bind(&key_id)
        .execute(&server.pool)
        .await
        .unwrap();
    let refused = caller.begin_write(&server.state.writer).await;
    assert!(matches!(refused, Err(AppError::Unauthenticated)));
}
