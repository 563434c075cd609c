//! The gate checks a writer again inside the write's transaction: what was true when the
//! request was let in may have changed by the time it holds the write lock.

use crate::support::TestServer;
use app::access::queries::member_rights;
use app::access::{Actor, Caller};
use app::auth::CurrentUser;
use app::error::AppError;
use app::permissions::Permission;

/// An admin of a new account, let in for `write:roles` as the gate would, and the account.
async fn admin_let_in(server: &TestServer) -> (Caller, String) {
    let (account, _owner) = server.account("Recheck Co").await;
    let admin = server.person().await;
    server.add_member(&account, &admin).await;
    let role = server.builtin_role_id(&account, "admin").await;
    app::db::query("INSERT INTO member_roles (account_id, user_id, role_id) VALUES ($1, $2, $3)")
        .bind(&account)
        .bind(&admin.user_id)
        .bind(&role)
        .execute(&server.pool)
        .await
        .unwrap();
    let mut conn = server.pool.acquire().await.unwrap();
    let rights = member_rights(&mut conn, &account, &admin.user_id)
        .await
        .unwrap()
        .expect("a member");
    assert!(rights.permissions.contains(Permission::WriteRoles));
    let user = CurrentUser {
        id: admin.user_id.clone(),
        email: admin.email.clone(),
        display_name: "Admin".into(),
        email_verified: false,
        email_verified_at: None,
        has_authenticator: false,
    };
    (
        Caller::let_in(
            Actor::User(user),
            &account,
            rights,
            &[Permission::WriteRoles],
        ),
        account,
    )
}

#[tokio::test]
async fn a_writer_who_lost_the_permission_before_the_lock_is_refused_inside_the_transaction() {
    let server = TestServer::start().await;
    let (mut caller, account) = admin_let_in(&server).await;
    app::db::query("DELETE FROM member_roles WHERE account_id = $1 AND user_id = $2")
        .bind(&account)
        .bind(&caller.signed_in().unwrap().id)
        .execute(&server.pool)
        .await
        .unwrap();
    let refused = caller.begin_write(&server.state.writer).await;
    assert!(matches!(refused, Err(AppError::Forbidden)));
}

#[tokio::test]
async fn a_writer_removed_before_the_lock_finds_no_account_inside_the_transaction() {
    let server = TestServer::start().await;
    let (mut caller, account) = admin_let_in(&server).await;
    app::db::query("DELETE FROM memberships WHERE account_id = $1 AND user_id = $2")
        .bind(&account)
        .bind(&caller.signed_in().unwrap().id)
        .execute(&server.pool)
        .await
        .unwrap();
    let refused = caller.begin_write(&server.state.writer).await;
    assert!(matches!(refused, Err(AppError::NotFound(_))));
}

#[tokio::test]
async fn inside_the_transaction_the_rules_see_the_permissions_the_database_holds_now() {
    let server = TestServer::start().await;
    let (mut caller, account) = admin_let_in(&server).await;
    // Admin taken away, a role with only write:roles given instead: still let in, with less.
    let narrow = server
        .custom_role(&account, "Role editor", &[Permission::WriteRoles])
        .await;
    app::db::query("UPDATE member_roles SET role_id = $1 WHERE account_id = $2 AND user_id = $3")
        .bind(&narrow)
        .bind(&account)
        .bind(&caller.signed_in().unwrap().id)
        .execute(&server.pool)
        .await
        .unwrap();
    let tx = caller.begin_write(&server.state.writer).await;
    assert!(tx.is_ok());
    assert!(caller.permissions.contains(Permission::WriteRoles));
    assert!(!caller.permissions.contains(Permission::WriteInvites));
    assert!(caller.may_grant([Permission::WriteInvites]).is_err());
}
