//! Role server functions over HTTP: immutability of built-in roles, confirmation before delete,
//! duplication, no privilege escalation, audit events, and changes taking effect at once.

use crate::support::TestServer;
use app::permissions::Permission;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn built_in_roles_cannot_be_changed_through_any_server_function() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Acme").await;
    for key in ["base", "admin", "owner"] {
        let role = server.builtin_role_id(&account, key).await;
        let attempts = [
            (
                "rename_role",
                vec![
                    ("account_id", account.as_str()),
                    ("role_id", role.as_str()),
                    ("name", "Renamed"),
                ],
            ),
            (
                "set_role_permissions",
                vec![
                    ("account_id", account.as_str()),
                    ("role_id", role.as_str()),
                    ("permissions[]", "read:users"),
                ],
            ),
            (
                "delete_role",
                vec![
                    ("account_id", account.as_str()),
                    ("role_id", role.as_str()),
                    ("confirm", "delete"),
                ],
            ),
        ];
        for (function, form) in attempts {
            let response = owner.client.call(function, &form).await;
            assert_eq!(
                response.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{function} on {key}"
            );
            let body: Value = response.json().await.unwrap();
            assert_eq!(
                body["Validation"][0]["message"],
                "Built-in roles cannot be renamed, edited or deleted."
            );
        }
    }
    let names: Vec<String> =
        app::db::query_scalar("SELECT name FROM roles WHERE account_id = $1 ORDER BY name")
            .bind(&account)
            .fetch_all(&server.pool)
            .await
            .unwrap();
    assert_eq!(names, vec!["Admin", "Base", "Owner"]);
    assert_eq!(server.count("SELECT count(*) FROM role_permissions WHERE role_id IN (SELECT id FROM roles WHERE account_id = $1)", &account).await, 0);
}

#[tokio::test]
async fn an_owner_creates_edits_renames_and_deletes_a_role_with_audit_events() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Acme").await;
    let response = owner
        .client
        .call(
            "create_role",
            &[
                ("account_id", &account),
                ("name", "Support"),
                ("description", "Helps people"),
                ("permissions[]", "write:invites"),
                ("permissions[]", "read:users"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let role: String = response.json().await.unwrap();

    let details: Value = owner
        .client
        .call_on_role("get_role", &account, &role, &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        details["permissions"],
        serde_json::json!(["read:users", "read:invites", "write:invites"])
    );

    let edit = owner
        .client
        .call_on_role(
            "set_role_permissions",
            &account,
            &role,
            &[("permissions[]", "read:audit_log")],
        )
        .await;
    assert_eq!(edit.status(), StatusCode::OK);
    let rename = owner
        .client
        .call_on_role(
            "rename_role",
            &account,
            &role,
            &[("name", "Auditors"), ("description", "")],
        )
        .await;
    assert_eq!(rename.status(), StatusCode::OK);
    let delete = owner
        .client
        .call_on_role("delete_role", &account, &role, &[("confirm", "delete")])
        .await;
    assert_eq!(delete.status(), StatusCode::OK);

    let actions: Vec<String> = app::db::query_scalar(
        "SELECT action FROM audit_events WHERE account_id = $1 AND action LIKE 'role.%' ORDER BY id",
    )
    .bind(&account)
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert_eq!(
        actions,
        vec![
            "role.created",
            "role.permissions_changed",
            "role.renamed",
            "role.deleted"
        ]
    );
    let change: String = app::db::query_scalar("SELECT details FROM audit_events WHERE action = 'role.permissions_changed' AND account_id = $1")
        .bind(&account)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let change: Value = serde_json::from_str(&change).unwrap();
    assert_eq!(change["added"], serde_json::json!(["read:audit_log"]));
    assert_eq!(
        change["removed"],
        serde_json::json!(["read:users", "read:invites", "write:invites"])
    );
}

#[tokio::test]
async fn deleting_a_held_role_needs_the_confirmation_and_then_unassigns_it() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Acme").await;
    let member = server.member_with(&account, &[Permission::ReadUsers]).await;
    let role = server.held_role(&member).await;

    server
        .pending_invitation(&account, "invitee@example.test", &role)
        .await;
    let details: Value = owner
        .client
        .call_on_role("get_role", &account, &role, &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(details["invitation_count"], 1);

    let unconfirmed = owner
        .client
        .call_on_role("delete_role", &account, &role, &[])
        .await;
    assert_eq!(unconfirmed.status(), StatusCode::CONFLICT);
    let message: Value = unconfirmed.json().await.unwrap();
    assert!(
        message["Conflict"]
            .as_str()
            .unwrap()
            .contains("1 member(s) and 1 pending invitation(s) hold it"),
        "{message}"
    );
    assert_eq!(
        server
            .count("SELECT count(*) FROM roles WHERE id = $1", &role)
            .await,
        1
    );
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM audit_events WHERE account_id = $1 AND action LIKE 'role.%'",
                &account
            )
            .await,
        0,
        "a refused change leaves no audit row"
    );

    let confirmed = owner
        .client
        .call_on_role("delete_role", &account, &role, &[("confirm", "delete")])
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM invitation_roles WHERE role_id = $1",
                &role
            )
            .await,
        0,
        "no invitation refers to the deleted role"
    );
    assert_eq!(
        server
            .count("SELECT count(*) FROM roles WHERE id = $1", &role)
            .await,
        0
    );
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM member_roles WHERE role_id = $1",
                &role
            )
            .await,
        0
    );
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM memberships WHERE user_id = $1",
                &member.user_id
            )
            .await,
        1,
        "the member stays"
    );
}

#[tokio::test]
async fn duplicating_a_role_copies_its_permissions_under_a_free_name() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Acme").await;
    let admin = server.builtin_role_id(&account, "admin").await;
    let first: String = owner
        .client
        .call_on_role("duplicate_role", &account, &admin, &[])
        .await
        .json()
        .await
        .unwrap();
    let second: String = owner
        .client
        .call_on_role("duplicate_role", &account, &admin, &[])
        .await
        .json()
        .await
        .unwrap();
    let first: Value = owner
        .client
        .call_on_role("get_role", &account, &first, &[])
        .await
        .json()
        .await
        .unwrap();
    let second: Value = owner
        .client
        .call_on_role("get_role", &account, &second, &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["role"]["name"], "Admin (copy)");
    assert_eq!(second["role"]["name"], "Admin (copy 2)");
    assert_eq!(first["role"]["builtin"], Value::Null);
    let expected: Vec<String> = app::permissions::BuiltinRole::Admin.permissions().names();
    assert_eq!(first["permissions"], serde_json::json!(expected));
}

#[tokio::test]
async fn nobody_can_put_into_a_role_a_permission_they_do_not_hold() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Acme").await;
    let role_writer = server
        .member_with(&account, &[Permission::WriteRoles])
        .await;

    let create = role_writer
        .client
        .call(
            "create_role",
            &[
                ("account_id", &account),
                ("name", "Remover"),
                ("permissions[]", "delete:users"),
            ],
        )
        .await;
    assert_eq!(create.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = create.json().await.unwrap();
    assert!(
        body["Validation"][0]["message"]
            .as_str()
            .unwrap()
            .contains("delete:users")
    );

    let target = server.custom_role(&account, "Target", &[]).await;
    let edit = role_writer
        .client
        .call_on_role(
            "set_role_permissions",
            &account,
            &target,
            &[("permissions[]", "delete:users")],
        )
        .await;
    assert_eq!(edit.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let admin = server.builtin_role_id(&account, "admin").await;
    let copy = role_writer
        .client
        .call_on_role("duplicate_role", &account, &admin, &[])
        .await;
    assert_eq!(
        copy.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "copying Admin would grant what they lack"
    );

    let strong = server
        .custom_role(&account, "Strong", &[Permission::DeleteUsers])
        .await;
    let strip = role_writer
        .client
        .call_on_role(
            "set_role_permissions",
            &account,
            &strong,
            &[("permissions[]", "")],
        )
        .await;
    assert_eq!(
        strip.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "nor take away what they lack"
    );

    let allowed = role_writer
        .client
        .call(
            "create_role",
            &[
                ("account_id", &account),
                ("name", "Reader"),
                ("permissions[]", "read:roles"),
            ],
        )
        .await;
    assert_eq!(allowed.status(), StatusCode::OK);
    assert_eq!(server.count("SELECT count(*) FROM role_permissions WHERE permission = 'delete:users' AND role_id IN (SELECT id FROM roles WHERE account_id = $1)", &account).await, 1);
}

#[tokio::test]
async fn a_permission_taken_away_is_refused_on_the_next_request() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Acme").await;
    let member = server
        .member_with(&account, &[Permission::WriteRoles])
        .await;
    let role = server.held_role(&member).await;

    let before = member
        .client
        .call("create_role", &[("account_id", &account), ("name", "One")])
        .await;
    assert_eq!(before.status(), StatusCode::OK);
    let strip = owner
        .client
        .call_on_role("set_role_permissions", &account, &role, &[])
        .await;
    assert_eq!(strip.status(), StatusCode::OK);
    let after = member
        .client
        .call("create_role", &[("account_id", &account), ("name", "Two")])
        .await;
    assert_eq!(after.status(), StatusCode::FORBIDDEN);
}
