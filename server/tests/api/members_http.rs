//! Members over HTTP: roles, ownership transfer, removal, and the races between them.

use crate::support::TestServer;
use crate::world::Person;
use app::permissions::Permission;
use reqwest::StatusCode;

async fn owner_of(server: &TestServer, account: &str) -> String {
    app::db::query_scalar("SELECT user_id FROM account_owners WHERE account_id = $1")
        .bind(account)
        .fetch_one(&server.pool)
        .await
        .expect("exactly one owner row")
}

async fn owners(server: &TestServer, account: &str) -> i64 {
    server
        .count(
            "SELECT count(*) FROM account_owners WHERE account_id = $1",
            account,
        )
        .await
}

async fn transfer(by: &Person, account: &str, to: &str) -> StatusCode {
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

async fn remove(by: &Person, account: &str, who: &str) -> reqwest::Response {
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

async fn member_in(server: &TestServer, account: &str) -> Person {
    let person = server.person().await;
    server.add_member(account, &person).await;
    person
}

async fn admin_in(server: &TestServer, account: &str) -> Person {
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

#[tokio::test]
async fn two_simultaneous_transfers_leave_exactly_one_owner() {
    let server = TestServer::start().await;
    let second = server.second_process().await;
    for _ in 0..10 {
        let (account, owner) = server.account("Double Transfer Co").await;
        let a = member_in(&server, &account).await;
        let b = member_in(&server, &account).await;
        let owner_there = second.person(&owner);
        let (to_a, to_b) = tokio::join!(
            transfer(&owner, &account, &a.user_id),
            transfer(&owner_there, &account, &b.user_id)
        );
        let mut statuses = [to_a, to_b];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::FORBIDDEN]);
        assert_eq!(owners(&server, &account).await, 1);
        let new_owner = owner_of(&server, &account).await;
        assert_eq!(
            new_owner,
            if to_a == StatusCode::OK {
                a.user_id
            } else {
                b.user_id
            }
        );
    }
}

#[tokio::test]
async fn a_transfer_racing_the_removal_of_the_heir_leaves_one_owner_who_is_a_member() {
    let server = TestServer::start().await;
    let second = server.second_process().await;
    for _ in 0..10 {
        let (account, owner) = server.account("Transfer Remove Co").await;
        let admin = admin_in(&server, &account).await;
        let heir = member_in(&server, &account).await;
        let admin_there = second.person(&admin);
        let (transferred, removed) = tokio::join!(
            transfer(&owner, &account, &heir.user_id),
            remove(&admin_there, &account, &heir.user_id)
        );
        let removed = removed.status();
        assert_ne!(
            (transferred, removed),
            (StatusCode::OK, StatusCode::OK),
            "not both"
        );
        assert!(
            transferred == StatusCode::OK || removed == StatusCode::OK,
            "one of them wins"
        );
        assert_eq!(owners(&server, &account).await, 1);
        let owner_now = owner_of(&server, &account).await;
        assert!(
            server.is_member(&account, &owner_now).await,
            "the owner is a member"
        );
    }
}

#[tokio::test]
async fn two_admins_removing_each_other_at_once_each_get_a_clear_answer() {
    let server = TestServer::start().await;
    let second = server.second_process().await;
    for _ in 0..10 {
        let (account, _owner) = server.account("Mutual Co").await;
        let a = admin_in(&server, &account).await;
        let b = admin_in(&server, &account).await;
        let b_there = second.person(&b);
        let (a_removes_b, b_removes_a) = tokio::join!(
            remove(&a, &account, &b.user_id),
            remove(&b_there, &account, &a.user_id)
        );
        let statuses = [a_removes_b.status(), b_removes_a.status()];
        // The first commit wins; the other admin is no longer a member when their turn comes.
        assert!(statuses.contains(&StatusCode::OK), "{statuses:?}");
        assert!(
            statuses.contains(&StatusCode::NOT_FOUND) || statuses.contains(&StatusCode::FORBIDDEN),
            "{statuses:?}"
        );
        let members = server
            .count(
                "SELECT count(*) FROM memberships WHERE account_id = $1",
                &account,
            )
            .await;
        assert_eq!(members, 2, "the owner and the winner remain");
        assert_eq!(owners(&server, &account).await, 1);
    }
}

#[tokio::test]
async fn the_audit_log_filters_exports_csv_and_records_refusals() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Audit Co").await;
    let member = member_in(&server, &account).await;
    // A refused look is only logged; a refused change is audited.
    let refused = member
        .client
        .call("list_roles", &[("account_id", account.as_str())])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let refused = member
        .client
        .call(
            "create_role",
            &[("account_id", account.as_str()), ("name", "Sneaky")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    server.custom_role(&account, "Unused", &[]).await;
    owner
        .client
        .call(
            "create_role",
            &[("account_id", account.as_str()), ("name", "Auditors")],
        )
        .await;
    assert_eq!(
        remove(&owner, &account, &member.user_id).await.status(),
        StatusCode::OK
    );

    let log: serde_json::Value = owner
        .client
        .call("audit_log", &[("account_id", account.as_str())])
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = log["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        vec![
            "member.removed",
            "role.created",
            "authorization.refused",
            "account.created"
        ],
        "newest first"
    );
    let filtered: serde_json::Value = owner
        .client
        .call(
            "audit_log",
            &[("account_id", account.as_str()), ("action", "role.created")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(filtered["rows"].as_array().unwrap().len(), 1);
    assert!(
        filtered["rows"][0]["target"]
            .as_str()
            .unwrap()
            .contains("Auditors")
    );
    let by_actor: serde_json::Value = owner
        .client
        .call(
            "audit_log",
            &[("account_id", account.as_str()), ("actor", &member.email)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_actor["rows"].as_array().unwrap().len(), 1);

    let csv = owner
        .client
        .get(&format!(
            "/api/audit_log_csv?account_id={account}&action=member.removed"
        ))
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let body = csv.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines[0], "time,actor,action,target,details");
    assert_eq!(lines.len(), 2);
    assert!(lines[1].contains("member.removed"));
}

#[tokio::test]
async fn a_sign_in_is_recorded_in_each_account_of_the_user() {
    let server = TestServer::start().await;
    let (first, owner) = server.account("First Co").await;
    let (second, _) = server.account("Second Co").await;
    let member = member_in(&server, &second).await;
    server.add_member(&first, &member).await;
    let response = member
        .client
        .call(
            "sign_in",
            &[
                ("email", member.email.as_str()),
                ("password", crate::support::PASSWORD),
            ],
        )
        .await;
    assert!(response.status().is_success());
    for account in [&first, &second] {
        assert_eq!(
            server.count("SELECT count(*) FROM audit_events WHERE action = 'member.signed_in' AND account_id = $1", account).await,
            1
        );
    }
    let _ = owner;
}

#[tokio::test]
async fn a_wrong_password_is_recorded_in_each_account_of_the_user_as_someone_elses_act() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Guarded Co").await;
    let member = member_in(&server, &account).await;
    let guesser = server.client();
    let refused = guesser
        .call(
            "sign_in",
            &[
                ("email", member.email.as_str()),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(refused.status(), reqwest::StatusCode::UNAUTHORIZED);
    let sql = "SELECT count(*) FROM audit_events
               WHERE action = 'member.sign_in_failed' AND actor_id IS NULL AND actor_label LIKE 'Someone%' AND account_id = $1";
    for _ in 0..100 {
        if server.count(sql, &account).await == 1 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no member.sign_in_failed row");
}
