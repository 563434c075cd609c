//! The rules of roles, against a real SQLite file.

use crate::support::TestServer;
use app::access::queries::effective_permissions;
use app::permissions::{BuiltinRole, Permission, PermissionSet};
use app::roles::RoleName;
use app::roles::queries::{RoleWriteError, delete_custom_role, find_role, insert_custom_role};

#[tokio::test]
async fn every_new_account_has_the_three_built_in_roles() {
    let server = TestServer::start().await;
    let (account, _) = server.account("Acme").await;
    let keys: Vec<String> =
        app::db::query_scalar("SELECT builtin FROM roles WHERE account_id = $1 ORDER BY builtin")
            .bind(&account)
            .fetch_all(&server.pool)
            .await
            .unwrap();
    assert_eq!(keys, vec!["admin", "base", "owner"]);
}

#[tokio::test]
async fn the_whole_catalogue_round_trips_through_the_database() {
    let server = TestServer::start().await;
    let (account, _) = server.account("Acme").await;
    let mut conn = server.pool.acquire().await.unwrap();
    // Roster's own: other tests of this process may declare product permissions meanwhile.
    let all = PermissionSet::new(Permission::ALL);
    let id = match insert_custom_role(
        &mut conn,
        &account,
        &RoleName::parse("All").unwrap(),
        "",
        &all,
    )
    .await
    {
        Ok(id) => id,
        Err(_) => panic!("insert failed"),
    };
    let stored: Vec<String> = app::db::query_scalar(
        "SELECT permission FROM role_permissions WHERE role_id = $1 ORDER BY permission",
    )
    .bind(&id)
    .fetch_all(&server.pool)
    .await
    .unwrap();
    let mut expected: Vec<String> = Permission::ALL
        .iter()
        .map(|p| p.name().to_owned())
        .collect();
    expected.sort();
    assert_eq!(stored, expected, "stored by stable name");
    let role = find_role(&mut conn, &account, &id).await.unwrap().unwrap();
    assert_eq!(role.permissions, all);
}

#[tokio::test]
async fn role_names_are_unique_per_account_whatever_their_case() {
    let server = TestServer::start().await;
    let (account, _) = server.account("Acme").await;
    let (other_account, _) = server.account("Other").await;
    let mut conn = server.pool.acquire().await.unwrap();
    let empty = PermissionSet::default();
    assert!(
        insert_custom_role(
            &mut conn,
            &account,
            &RoleName::parse("Billing").unwrap(),
            "",
            &empty
        )
        .await
        .is_ok()
    );
    let again = insert_custom_role(
        &mut conn,
        &account,
        &RoleName::parse("BILLING").unwrap(),
        "",
        &empty,
    )
    .await;
    assert!(matches!(again, Err(RoleWriteError::NameTaken)));
    let builtin_name = insert_custom_role(
        &mut conn,
        &account,
        &RoleName::parse("admin").unwrap(),
        "",
        &empty,
    )
    .await;
    assert!(matches!(builtin_name, Err(RoleWriteError::NameTaken)));
    assert!(
        insert_custom_role(
            &mut conn,
            &other_account,
            &RoleName::parse("Billing").unwrap(),
            "",
            &empty
        )
        .await
        .is_ok()
    );
}

#[tokio::test]
async fn effective_permissions_are_the_union_of_base_and_every_role_held() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Acme").await;
    let member = server
        .member_with(&account, &[Permission::WriteInvites])
        .await;
    let second = server
        .custom_role(&account, "Auditor", &[Permission::ReadAuditLog])
        .await;
    server.assign(&account, &member, &second).await;
    let outsider = server.person().await;

    let mut conn = server.pool.acquire().await.unwrap();
    let got = effective_permissions(&mut conn, &account, &member.user_id)
        .await
        .unwrap()
        .unwrap();
    let expected = BuiltinRole::Base.permissions().union(&PermissionSet::new([
        Permission::WriteInvites,
        Permission::ReadAuditLog,
    ]));
    assert_eq!(got, expected);
    assert!(got.contains(Permission::ReadInvites), "write brings read");

    let owner_permissions = effective_permissions(&mut conn, &account, &owner.user_id)
        .await
        .unwrap()
        .unwrap();
    assert!(PermissionSet::new(Permission::ALL).is_subset(&owner_permissions));
    assert!(
        effective_permissions(&mut conn, &account, &outsider.user_id)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_held_role_cannot_be_deleted_without_unassigning_it_first() {
    let server = TestServer::start().await;
    let (account, _) = server.account("Acme").await;
    let member = server.member_with(&account, &[Permission::ReadUsers]).await;
    let role_id = server.held_role(&member).await;

    let direct = app::db::query("DELETE FROM roles WHERE id = $1")
        .bind(&role_id)
        .execute(&server.pool)
        .await;
    assert!(direct.is_err(), "the database let a held role be deleted");

    let mut conn = server.pool.acquire().await.unwrap();
    assert_eq!(delete_custom_role(&mut conn, &role_id).await.unwrap(), 1);
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM member_roles WHERE role_id = $1",
                &role_id
            )
            .await,
        0
    );
    assert_eq!(
        server
            .count("SELECT count(*) FROM roles WHERE id = $1", &role_id)
            .await,
        0
    );
}
