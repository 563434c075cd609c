//! Changes to memberships. Each runs inside the caller's write transaction, whose start took
//! the write lock and checked the caller again (`Caller::begin_write`), so that two admins
//! removing each other at once, or an ownership transfer racing a removal, cannot break the
//! account's invariants: exactly one owner, who is a member; nobody acts after losing the right
//! to.

use super::leaving::self_removal_message;
use super::queries::changes::{self as rows, MemberRow};
use crate::access::Caller;
use crate::access::queries::effective_permissions;
use crate::db::Db;
use crate::error::AppError;
use crate::permissions::BuiltinRole;
use crate::roles::queries::{StoredRole, find_role};

pub use super::queries::changes::removers;

pub type Target = MemberRow;

/// An active member of the caller's account.
pub async fn member(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
) -> Result<Target, AppError> {
    rows::find_member(conn, account_id, user_id)
        .await?
        .ok_or_else(|| AppError::NotFound("The member".into()))
}

/// Gives `user_id` exactly `wanted` (role ids; Base is implicit, Owner is handed over, not
/// assigned). Every role added or taken away must carry only permissions the caller holds.
/// Returns the names of the roles added and removed.
pub async fn set_roles(
    conn: &mut dyn Db,
    caller: &Caller,
    user_id: &str,
    wanted: &[String],
) -> Result<(Vec<String>, Vec<String>), AppError> {
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
    let held = rows::held_roles(conn, &caller.account_id, user_id).await?;
    let mut added = Vec::new();
    for role in wanted_roles.iter().filter(|r| !held.contains(&r.id)) {
        caller.may_grant_role(role, "give or take away")?;
        added.push(role);
    }
    let mut removed = Vec::new();
    for role_id in held
        .iter()
        .filter(|id| !wanted_roles.iter().any(|r| &r.id == *id))
    {
        if let Some(role) = find_role(conn, &caller.account_id, role_id).await? {
            caller.may_grant_role(&role, "give or take away")?;
            removed.push(role);
        }
    }
    for role in &removed {
        rows::take_role(conn, &caller.account_id, user_id, &role.id).await?;
    }
    for role in &added {
        rows::give_role(conn, &caller.account_id, user_id, &role.id).await?;
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

/// Gives a member one more role (the search's "Add to role"), under the rules of [`set_roles`].
pub async fn add_role(
    conn: &mut dyn Db,
    caller: &Caller,
    user_id: &str,
    role_id: &str,
) -> Result<(Vec<String>, Vec<String>), AppError> {
    let mut held = rows::held_roles(conn, &caller.account_id, user_id).await?;
    if !held.iter().any(|id| id == role_id) {
        held.push(role_id.to_owned());
    }
    set_roles(conn, caller, user_id, &held).await
}

/// Hands ownership to another active member; the previous owner stays a member with Admin.
pub async fn transfer_ownership(
    conn: &mut dyn Db,
    caller: &Caller,
    new_owner_id: &str,
) -> Result<Target, AppError> {
    // Only a person owns an account: a key never hands it over.
    let user = caller.signed_in()?;
    let me = member(conn, &caller.account_id, &user.id)
        .await
        .map_err(|_| AppError::NotFound("The account".into()))?;
    // Checked inside the transaction: of two transfers at once, the second finds it is no
    // longer the owner's to give.
    if !me.is_owner {
        return Err(AppError::Forbidden);
    }
    if new_owner_id == user.id {
        return Err(AppError::Conflict("You already own this account.".into()));
    }
    let target = member(conn, &caller.account_id, new_owner_id)
        .await
        .map_err(|_| {
            AppError::Conflict("Ownership can only go to an active member of this account.".into())
        })?;
    if !rows::move_ownership(conn, &caller.account_id, &user.id, &target.user_id).await? {
        return Err(AppError::Forbidden);
    }
    let admin = rows::builtin_role_id(conn, &caller.account_id, BuiltinRole::Admin).await?;
    rows::give_role(conn, &caller.account_id, &user.id, &admin).await?;
    record(
        conn,
        caller,
        crate::audit::AuditAction::AccountOwnershipTransferred,
        &target,
        serde_json::json!({ "from": user.email, "to": target.email }),
    )
    .await?;
    Ok(target)
}

/// Removes an active member who is neither the owner nor the caller.
/// Removes a member: never yourself, never the owner, never someone holding more than you. The
/// pending invitations they sent go with them, unless `keep_invitations` (or the caller may
/// not revoke invitations).
pub async fn remove(
    conn: &mut dyn Db,
    caller: &Caller,
    user_id: &str,
    keep_invitations: bool,
) -> Result<Target, AppError> {
    if caller.is_user(user_id) {
        let who = removers(conn, &caller.account_id, Some(user_id)).await?;
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
    if caller.may_grant(theirs.iter()).is_err() {
        return Err(AppError::Conflict(format!(
            "You can only remove members whose permissions you hold yourself; {} holds some you do not.",
            target.display_name
        )));
    }
    rows::delete_membership(conn, &caller.account_id, user_id).await?;
    crate::oauth::member_removed(conn, &caller.account_id, user_id).await?;
    record(
        conn,
        caller,
        crate::audit::AuditAction::MemberRemoved,
        &target,
        serde_json::json!({}),
    )
    .await?;
    // Only a caller who may revoke invitations revokes them; otherwise they stay.
    let may_revoke = caller
        .permissions
        .contains(crate::permissions::Permission::WriteInvites)
        || caller
            .permissions
            .contains(crate::permissions::Permission::DeleteInvites);
    if !keep_invitations && may_revoke {
        let now = crate::server::now_rfc3339();
        crate::invitations::rules::revoke_sent_by(conn, caller, user_id, &now).await?;
    }
    Ok(target)
}

async fn record(
    conn: &mut dyn Db,
    caller: &Caller,
    action: crate::audit::AuditAction,
    target: &Target,
    details: serde_json::Value,
) -> Result<(), sqlx::Error> {
    crate::audit::record(
        conn,
        crate::audit::AuditEvent {
            account_id: &caller.account_id,
            actor: caller.audit_actor(),
            action,
            target_kind: "member",
            target_id: &target.user_id,
            target_name: &target.email,
            details,
        },
    )
    .await
}
