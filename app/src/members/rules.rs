//! Changes to memberships. Each runs inside a transaction that took the write lock first and
//! re-checks the caller there, so that two admins removing each other at once, or an ownership
//! transfer racing a removal, cannot break the account's invariants: exactly one owner, who is a
//! member; nobody acts after losing the right to.

use super::leaving::self_removal_message;
use crate::error::AppError;
use crate::permissions::{Permission, PermissionSet};
use crate::roles::BuiltinRole;
use crate::roles::queries::{StoredRole, effective_permissions, find_role};
use crate::server::Caller;
use sqlx::SqliteConnection;

/// The caller's permissions as the database says now, inside the transaction: still a member,
/// still holding `needs`.
pub async fn recheck(
    conn: &mut SqliteConnection,
    caller: &Caller,
    needs: Permission,
) -> Result<PermissionSet, AppError> {
    let now = effective_permissions(conn, &caller.account_id, &caller.user.id)
        .await?
        .ok_or_else(|| AppError::NotFound("The account".into()))?;
    if !now.contains(needs) {
        return Err(AppError::Forbidden);
    }
    Ok(now)
}

pub struct Target {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub is_owner: bool,
}

/// An active member of the caller's account.
pub async fn member(
    conn: &mut SqliteConnection,
    account_id: &str,
    user_id: &str,
) -> Result<Target, AppError> {
    let row: Option<(String, String, String, bool)> = sqlx::query_as(
        "SELECT u.id, u.display_name, u.email,
                EXISTS (SELECT 1 FROM account_owners o WHERE o.account_id = m.account_id AND o.user_id = m.user_id)
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.account_id = ? AND m.user_id = ?",
    )
    .bind(account_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    let (user_id, display_name, email, is_owner) =
        row.ok_or_else(|| AppError::NotFound("The member".into()))?;
    Ok(Target {
        user_id,
        display_name,
        email,
        is_owner,
    })
}

async fn held_roles(
    conn: &mut SqliteConnection,
    account_id: &str,
    user_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT role_id FROM member_roles WHERE account_id = ? AND user_id = ?")
        .bind(account_id)
        .bind(user_id)
        .fetch_all(conn)
        .await
}

/// Gives `user_id` exactly `wanted` (role ids; Base is implicit, Owner is handed over, not
/// assigned). Every role added or taken away must carry only permissions the caller holds.
/// Returns the names of the roles added and removed.
pub async fn set_roles(
    conn: &mut SqliteConnection,
    caller: &Caller,
    user_id: &str,
    wanted: &[String],
) -> Result<(Vec<String>, Vec<String>), AppError> {
    let held_now = recheck(conn, caller, Permission::WriteUsers).await?;
    let target = member(conn, &caller.account_id, user_id).await?;
    let mut wanted_roles: Vec<StoredRole> = Vec::new();
    for role_id in wanted.iter().filter(|id| !id.is_empty()) {
        let role = find_role(conn, &caller.account_id, role_id)
            .await?
            .ok_or_else(|| AppError::NotFound("The role".into()))?;
        match role.builtin {
            Some(BuiltinRole::Base) => continue,
            Some(BuiltinRole::Owner) => {
                return Err(AppError::field(
                    "roles",
                    "Owner is not assigned here: the owner hands ownership over with Make owner.",
                ));
            }
            _ => {}
        }
        if !wanted_roles.iter().any(|r| r.id == role.id) {
            wanted_roles.push(role);
        }
    }
    let held = held_roles(conn, &caller.account_id, user_id).await?;
    let mut added = Vec::new();
    for role in wanted_roles.iter().filter(|r| !held.contains(&r.id)) {
        escalation_check(&held_now, role)?;
        added.push(role);
    }
    let mut removed = Vec::new();
    for role_id in held
        .iter()
        .filter(|id| !wanted_roles.iter().any(|r| &r.id == *id))
    {
        if let Some(role) = find_role(conn, &caller.account_id, role_id).await? {
            escalation_check(&held_now, &role)?;
            removed.push(role);
        }
    }
    for role in &removed {
        sqlx::query(
            "DELETE FROM member_roles WHERE account_id = ? AND user_id = ? AND role_id = ?",
        )
        .bind(&caller.account_id)
        .bind(user_id)
        .bind(&role.id)
        .execute(&mut *conn)
        .await?;
    }
    for role in &added {
        sqlx::query("INSERT INTO member_roles (account_id, user_id, role_id) VALUES (?, ?, ?)")
            .bind(&caller.account_id)
            .bind(user_id)
            .bind(&role.id)
            .execute(&mut *conn)
            .await?;
    }
    let added: Vec<String> = added.iter().map(|r| r.name.clone()).collect();
    let removed: Vec<String> = removed.iter().map(|r| r.name.clone()).collect();
    if !added.is_empty() || !removed.is_empty() {
        record(
            conn,
            caller,
            crate::audit::AuditAction::MemberRolesChanged,
            &target,
            serde_json::json!({ "added": added, "removed": removed }),
        )
        .await?;
    }
    Ok((added, removed))
}

fn escalation_check(held: &PermissionSet, role: &StoredRole) -> Result<(), AppError> {
    if role.permissions.iter().all(|p| held.contains(p)) {
        return Ok(());
    }
    Err(AppError::field(
        "roles",
        format!(
            "You can only give or take away roles whose permissions you hold yourself; \u{201c}{}\u{201d} has some you do not.",
            role.name
        ),
    ))
}

/// Hands ownership to another active member; the previous owner stays a member with Admin.
pub async fn transfer_ownership(
    conn: &mut SqliteConnection,
    caller: &Caller,
    new_owner_id: &str,
) -> Result<Target, AppError> {
    let me = member(conn, &caller.account_id, &caller.user.id)
        .await
        .map_err(|_| AppError::NotFound("The account".into()))?;
    // Checked inside the transaction: of two transfers at once, the second finds it is no
    // longer the owner's to give.
    if !me.is_owner {
        return Err(AppError::Forbidden);
    }
    if new_owner_id == caller.user.id {
        return Err(AppError::Conflict("You already own this account.".into()));
    }
    let target = member(conn, &caller.account_id, new_owner_id)
        .await
        .map_err(|_| {
            AppError::Conflict("Ownership can only go to an active member of this account.".into())
        })?;
    let moved =
        sqlx::query("UPDATE account_owners SET user_id = ? WHERE account_id = ? AND user_id = ?")
            .bind(&target.user_id)
            .bind(&caller.account_id)
            .bind(&caller.user.id)
            .execute(&mut *conn)
            .await?;
    if moved.rows_affected() != 1 {
        return Err(AppError::Forbidden);
    }
    let admin: String =
        sqlx::query_scalar("SELECT id FROM roles WHERE account_id = ? AND builtin = 'admin'")
            .bind(&caller.account_id)
            .fetch_one(&mut *conn)
            .await?;
    sqlx::query(
        "INSERT OR IGNORE INTO member_roles (account_id, user_id, role_id) VALUES (?, ?, ?)",
    )
    .bind(&caller.account_id)
    .bind(&caller.user.id)
    .bind(&admin)
    .execute(&mut *conn)
    .await?;
    record(
        conn,
        caller,
        crate::audit::AuditAction::AccountOwnershipTransferred,
        &target,
        serde_json::json!({ "from": caller.user.email, "to": target.email }),
    )
    .await?;
    Ok(target)
}

/// Removes an active member who is neither the owner nor the caller.
pub async fn remove(
    conn: &mut SqliteConnection,
    caller: &Caller,
    user_id: &str,
) -> Result<Target, AppError> {
    let held_now = recheck(conn, caller, Permission::DeleteUsers).await?;
    if user_id == caller.user.id {
        let who = removers(conn, &caller.account_id, Some(&caller.user.id)).await?;
        return Err(AppError::Conflict(self_removal_message(&who)));
    }
    let target = member(conn, &caller.account_id, user_id).await?;
    if target.is_owner {
        return Err(AppError::Conflict(
            "The owner cannot be removed. The owner can hand ownership to another member first."
                .into(),
        ));
    }
    // As for changing their roles: nobody takes access away from someone who holds more.
    let theirs = effective_permissions(conn, &caller.account_id, user_id)
        .await?
        .unwrap_or_default();
    if !theirs.iter().all(|p| held_now.contains(p)) {
        return Err(AppError::Conflict(format!(
            "You can only remove members whose permissions you hold yourself; {} holds some you do not.",
            target.display_name
        )));
    }
    sqlx::query("DELETE FROM memberships WHERE account_id = ? AND user_id = ?")
        .bind(&caller.account_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    record(
        conn,
        caller,
        crate::audit::AuditAction::MemberRemoved,
        &target,
        serde_json::json!({}),
    )
    .await?;
    Ok(target)
}

/// The names of the members who may remove others (holding `delete:users`), but `except`.
pub async fn removers(
    conn: &mut SqliteConnection,
    account_id: &str,
    except: Option<&str>,
) -> Result<Vec<String>, sqlx::Error> {
    // The owner and Admin hold delete:users by definition; custom roles by their rows.
    debug_assert!(
        BuiltinRole::Admin
            .permissions()
            .contains(Permission::DeleteUsers)
    );
    sqlx::query_scalar(
        // From the few roles that allow removing to their holders (by `member_roles_by_role`),
        // never a pass over every member of the account.
        "SELECT u.display_name FROM (
             SELECT o.user_id FROM account_owners o WHERE o.account_id = ?1
             UNION
             SELECT mr.user_id FROM roles r JOIN member_roles mr ON mr.role_id = r.id
             WHERE r.account_id = ?1 AND mr.account_id = ?1
               AND (r.builtin = 'admin' OR EXISTS (SELECT 1 FROM role_permissions rp
                    WHERE rp.role_id = r.id AND rp.permission = ?3))
         ) holders JOIN users u ON u.id = holders.user_id
         WHERE holders.user_id IS NOT ?2
         ORDER BY u.display_name COLLATE NOCASE LIMIT 10",
    )
    .bind(account_id)
    .bind(except)
    .bind(Permission::DeleteUsers.name())
    .fetch_all(conn)
    .await
}

async fn record(
    conn: &mut SqliteConnection,
    caller: &Caller,
    action: crate::audit::AuditAction,
    target: &Target,
    details: serde_json::Value,
) -> Result<(), sqlx::Error> {
    crate::audit::record(
        conn,
        crate::audit::AuditEvent {
            account_id: &caller.account_id,
            actor_id: &caller.user.id,
            action,
            target_kind: "member",
            target_id: &target.user_id,
            target_name: &target.email,
            details,
        },
    )
    .await
}
