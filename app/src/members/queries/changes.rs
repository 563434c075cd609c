//! The membership rows the rules change: who holds which roles, who owns the account.

use crate::db::{self, Db};
use crate::permissions::BuiltinRole;
use crate::permissions::Permission;

/// A member as the rules see them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub is_owner: bool,
}

pub async fn find_member(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
) -> Result<Option<MemberRow>, sqlx::Error> {
    db::query_as(
        "SELECT u.id AS user_id, u.display_name, u.email,
                EXISTS (SELECT 1 FROM account_owners o WHERE o.account_id = m.account_id AND o.user_id = m.user_id) AS is_owner
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.account_id = $1 AND m.user_id = $2",
    )
    .bind(account_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

/// The ids of the roles a member holds (Base, implicit, is not among them).
pub async fn held_roles(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    db::query_scalar("SELECT role_id FROM member_roles WHERE account_id = $1 AND user_id = $2")
        .bind(account_id)
        .bind(user_id)
        .fetch_all(conn)
        .await
}

pub async fn take_role(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
    role_id: &str,
) -> Result<(), sqlx::Error> {
    db::query("DELETE FROM member_roles WHERE account_id = $1 AND user_id = $2 AND role_id = $3")
        .bind(account_id)
        .bind(user_id)
        .bind(role_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Gives the role; a role the member holds already stays as it is.
pub async fn give_role(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
    role_id: &str,
) -> Result<(), sqlx::Error> {
    db::query(
        "INSERT INTO member_roles (account_id, user_id, role_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .bind(account_id)
    .bind(user_id)
    .bind(role_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves ownership from `from` to `to`. False when `from` no longer owns the account.
pub async fn move_ownership(
    conn: &mut dyn Db,
    account_id: &str,
    from: &str,
    to: &str,
) -> Result<bool, sqlx::Error> {
    let moved =
        db::query("UPDATE account_owners SET user_id = $1 WHERE account_id = $2 AND user_id = $3")
            .bind(to)
            .bind(account_id)
            .bind(from)
            .execute(conn)
            .await?;
    Ok(moved.rows_affected() == 1)
}

pub async fn builtin_role_id(
    conn: &mut dyn Db,
    account_id: &str,
    role: BuiltinRole,
) -> Result<String, sqlx::Error> {
    db::query_scalar("SELECT id FROM roles WHERE account_id = $1 AND builtin = $2")
        .bind(account_id)
        .bind(role.key())
        .fetch_one(conn)
        .await
}

pub async fn delete_membership(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
) -> Result<(), sqlx::Error> {
    db::query("DELETE FROM memberships WHERE account_id = $1 AND user_id = $2")
        .bind(account_id)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The names of the members who may remove others (holding `delete:users`), but `except`.
pub async fn removers(
    conn: &mut dyn Db,
    account_id: &str,
    except: Option<&str>,
) -> Result<Vec<String>, sqlx::Error> {
    // The owner and Admin hold delete:users by definition; custom roles by their rows.
    debug_assert!(
        BuiltinRole::Admin
            .permissions()
            .contains(Permission::DeleteUsers)
    );
    db::query_scalar(
        // From the few roles that allow removing to their holders (by `member_roles_by_role`),
        // never a pass over every member of the account.
        "SELECT u.display_name FROM (
             SELECT o.user_id FROM account_owners o WHERE o.account_id = $1
             UNION
             SELECT mr.user_id FROM roles r JOIN member_roles mr ON mr.role_id = r.id
             WHERE r.account_id = $1 AND mr.account_id = $1
               AND (r.builtin = 'admin' OR EXISTS (SELECT 1 FROM role_permissions rp
                    WHERE rp.role_id = r.id AND rp.permission = $3))
         ) holders JOIN users u ON u.id = holders.user_id
         WHERE holders.user_id IS DISTINCT FROM $2
         ORDER BY u.display_name COLLATE NOCASE LIMIT 10",
    )
    .bind(account_id)
    .bind(except)
    .bind(Permission::DeleteUsers.name())
    .fetch_all(conn)
    .await
}
