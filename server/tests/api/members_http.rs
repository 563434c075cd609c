//! Members over HTTP: roles, ownership transfer and removal (their races: `members_races`).

use crate::support::TestServer;
use crate::world::Person;
use app::permissions::Permission;
use reqwest::StatusCode;

pub(crate) async fn owner_of(server: &TestServer, account: &str) -> String {
    app::db::query_scalar("SELECT user_id FROM account_owners WHERE account_id = $1")
        .bind(account)
        .fetch_one(&server.pool)
        .await
        .expect("exactly one owner row")
}

pub(crate) async fn owners(server: &TestServer, account: &str) -> i64 {
    server
        .count(
            "SELECT count(*) FROM account_owners WHERE account_id = $1",
            account,
        )
        .await
}

pub(crate) async fn transfer(by: &Person, account: &str, to: &str) -> StatusCode {
    by.client
        .call(
            "transfer_ownership",
            &[
                ("account_id", account),
                ("user_id", to),
                ("confirm", "transfer"),
            ],
        )
        .await
        .status()
}

pub(crate) async fn remove(by: &Person, account: &str, who: &str) -> reqwest::Response {
    by.client
        .call(
            "remove_member",
            &[
                ("account_id", account),
                ("user_id", who),
                ("confirm", "remove"),
            ],
        )
        .await
}

pub(crate) async fn member_in(server: &TestServer, account: &str) -> Person {
    let person = server.person().await;
    server.add_member(account, &person).await;
    person
}

pub(crate) async fn admin_in(server: &TestServer, account: &str) -> Person {
    let person = member_in(server, account).await;
    let admin = server.builtin_role_id(account, "admin").await;
    server.assign(account, &person, &admin).await;
    person
}

#[tokio::test]
async fn the_owner_hands_over_ownership_and_stays_a_member_with_admin() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Handover Co").await;
    let heir = member_in(&server, &account).await;
    assert_eq!(
        owner
            .client
            .call(
                "transfer_ownership",
                &[
                    ("account_id", account.as_str()),
                    ("user_id", heir.user_id.as_str())
                ]
            )
            .await
            .status(),
        StatusCode::CONFLICT,
        "the confirmation is required"
    );
    assert_eq!(
        transfer(&owner, &account, &heir.user_id).await,
        StatusCode::OK
    );
    assert_eq!(owner_of(&server, &account).await, heir.user_id);
    assert_eq!(owners(&server, &account).await, 1);
    let admin = server.builtin_role_id(&account, "admin").await;
    assert_eq!(server.held_role(&owner).await, admin);
    // The former owner can no longer do what only the owner may.
    assert_eq!(
        transfer(&owner, &account, &heir.user_id).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        server.count("SELECT count(*) FROM audit_events WHERE action = 'account.ownership_transferred' AND account_id = $1", &account).await,
        1
    );
}

#[tokio::test]
async fn ownership_goes_only_from_the_owner_to_an_active_member() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Only Owner Co").await;
    let admin = admin_in(&server, &account).await;
    let member = member_in(&server, &account).await;
    let outsider = server.person().await;
    assert_eq!(
        transfer(&admin, &account, &member.user_id).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        transfer(&owner, &account, &outsider.user_id).await,
        StatusCode::CONFLICT
    );
    assert_eq!(
        transfer(&owner, &account, &owner.user_id).await,
        StatusCode::CONFLICT
    );
    assert_eq!(owner_of(&server, &account).await, owner.user_id);
    assert_eq!(
        server.count("SELECT count(*) FROM audit_events WHERE action = 'account.ownership_transferred' AND account_id = $1", &account).await,
        0,
        "refused changes leave no audit row"
    );
}

#[tokio::test]
async fn a_removed_member_loses_access_at_once_and_keeps_their_other_accounts() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Remove Co").await;
    let (elsewhere, _) = server.account("Other Co").await;
    let member = member_in(&server, &account).await;
    server.add_member(&elsewhere, &member).await;
    assert_eq!(
        remove(&owner, &account, &member.user_id).await.status(),
        StatusCode::OK
    );
    let refused = member
        .client
        .call("account_details", &[("account_id", account.as_str())])
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let accounts: serde_json::Value = member
        .client
        .call("my_accounts", &[])
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = accounts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Other Co"]);
    assert_eq!(
        server.count("SELECT count(*) FROM audit_events WHERE action = 'member.removed' AND target_id = $1", &member.user_id).await,
        1
    );
}

#[tokio::test]
async fn nobody_removes_the_owner_themselves_or_someone_outside_the_account() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Refuse Co").await;
    let admin = admin_in(&server, &account).await;
    let (_, stranger) = server.account("Stranger Co").await;
    let owner_removal = remove(&admin, &account, &owner.user_id).await;
    assert_eq!(owner_removal.status(), StatusCode::CONFLICT);
    assert!(
        owner_removal
            .text()
            .await
            .unwrap()
            .contains("owner cannot be removed")
    );
    assert_eq!(
        remove(&admin, &account, &stranger.user_id).await.status(),
        StatusCode::NOT_FOUND
    );
    // A pending invitation is revoked, not removed: its id names no member.
    let admin_role = server.builtin_role_id(&account, "admin").await;
    server
        .pending_invitation(&account, "pending@example.org", &admin_role)
        .await;
    let pending_id: String =
        app::db::query_scalar("SELECT id FROM invitations WHERE account_id = $1")
            .bind(&account)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(
        remove(&admin, &account, &pending_id).await.status(),
        StatusCode::NOT_FOUND
    );
    let myself = remove(&admin, &account, &admin.user_id).await;
    assert_eq!(myself.status(), StatusCode::CONFLICT);
    let message = myself.text().await.unwrap();
    assert!(message.contains("You cannot remove yourself"), "{message}");
    assert!(
        message.contains("Test Person"),
        "the message names who can: {message}"
    );
    let plain = member_in(&server, &account).await;
    assert_eq!(
        remove(&plain, &account, &admin.user_id).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM memberships WHERE account_id = $1",
                &account
            )
            .await,
        3
    );
    assert_eq!(
        server.count("SELECT count(*) FROM audit_events WHERE action = 'member.removed' AND account_id = $1", &account).await,
        0
    );
}

#[tokio::test]
async fn roles_are_edited_in_one_step_without_escalation_and_apply_on_the_next_request() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Edit Roles Co").await;
    let editor = server
        .member_with(&account, &[Permission::WriteUsers, Permission::ReadRoles])
        .await;
    let target = member_in(&server, &account).await;
    let readers = server
        .custom_role(&account, "Readers", &[Permission::ReadRoles])
        .await;
    let admin = server.builtin_role_id(&account, "admin").await;
    let owner_role = server.builtin_role_id(&account, "owner").await;
    let set = |roles: Vec<String>| {
        let mut form = vec![
            ("account_id".to_owned(), account.clone()),
            ("user_id".to_owned(), target.user_id.clone()),
        ];
        form.extend(roles.into_iter().map(|r| ("roles[]".to_owned(), r)));
        form
    };
    let editor = &editor;
    let call = |form: Vec<(String, String)>| async move {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        editor
            .client
            .call("set_member_roles", &pairs)
            .await
            .status()
    };
    assert_eq!(
        target
            .client
            .call("list_roles", &[("account_id", account.as_str())])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(call(set(vec![readers.clone()])).await, StatusCode::OK);
    assert_eq!(
        target
            .client
            .call("list_roles", &[("account_id", account.as_str())])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        call(set(vec![admin.clone()])).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "Admin has permissions the editor lacks"
    );
    assert_eq!(
        call(set(vec![owner_role])).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(server.held_role(&target).await, readers);
    assert_eq!(call(set(vec![])).await, StatusCode::OK);
    assert_eq!(
        target
            .client
            .call("list_roles", &[("account_id", account.as_str())])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        server.count("SELECT count(*) FROM audit_events WHERE action = 'member.roles_changed' AND target_id = $1", &target.user_id).await,
        2
    );
}

#[tokio::test]
async fn the_members_table_lists_members_then_pending_invitations_page_by_page() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Table Co").await;
    let admin = server.builtin_role_id(&account, "admin").await;
    for _ in 0..3 {
        member_in(&server, &account).await;
    }
    server
        .pending_invitation(&account, "pending@example.org", &admin)
        .await;
    let page: serde_json::Value = owner
        .client
        .call("members_page", &[("account_id", account.as_str())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 5);
    assert_eq!(page["pages"], 1);
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(rows[0]["is_owner"], true);
    assert_eq!(rows[0]["roles"][0], "Owner");
    assert_eq!(rows[4]["pending"], true);
    assert_eq!(rows[4]["email"], "pending@example.org");
    assert_eq!(rows[4]["roles"], serde_json::json!(["Admin", "Base"]));
    assert_eq!(page["i_am_owner"], true);
}
