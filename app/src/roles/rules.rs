//! The changes to roles, each inside the caller's write transaction, and their shared helpers.
//! They know nothing of HTTP or pages.

use super::RoleName;
use super::queries::{self, RoleWriteError, StoredRole, find_role};
use crate::access::Caller;
use crate::audit::AuditAction;
use crate::db::Db;
use crate::error::AppError;
use crate::permissions::PermissionSet;

pub const BUILTIN_IMMUTABLE: &str = "Built-in roles cannot be renamed, edited or deleted.";

pub async fn load_role(
    conn: &mut dyn Db,
    account_id: &str,
    role_id: &str,
) -> Result<StoredRole, AppError> {
    find_role(conn, account_id, role_id)
        .await?
        .ok_or_else(|| AppError::NotFound("The role".into()))
}

/// A custom role, or a validation error for a built-in one.
pub async fn load_custom_role(
    conn: &mut dyn Db,
    account_id: &str,
    role_id: &str,
) -> Result<StoredRole, AppError> {
    let role = load_role(conn, account_id, role_id).await?;
    if role.builtin.is_some() {
        return Err(AppError::field("role", BUILTIN_IMMUTABLE));
    }
    Ok(role)
}

pub fn write_error(error: RoleWriteError) -> AppError {
    match error {
        RoleWriteError::NameTaken => AppError::field(
            "name",
            "Another role in this account already has this name.",
        ),
        RoleWriteError::Database(error) => error.into(),
    }
}

/// Records a change to a role in the audit log, inside the transaction that makes the change.
pub async fn record_role_event(
    conn: &mut dyn Db,
    caller: &Caller,
    action: AuditAction,
    role_id: &str,
    role_name: &str,
    details: serde_json::Value,
) -> Result<(), sqlx::Error> {
    crate::audit::record(
        conn,
        crate::audit::AuditEvent {
            account_id: &caller.account_id,
            actor: caller.audit_actor(),
            action,
            target_kind: "role",
            target_id: role_id,
            target_name: role_name,
            details,
        },
    )
    .await
}

/// Submitted permission names, with the reads they imply; an unknown name is a field error.
pub fn parse_permissions(names: &[String]) -> Result<crate::permissions::PermissionSet, AppError> {
    crate::permissions::PermissionSet::from_names(names.iter().map(String::as_str))
        .map_err(|unknown| AppError::field("permissions", format!("Unknown permission: {unknown}")))
}

/// A new custom role with exactly these permissions (each one the caller holds). Its id.
pub async fn create(
    conn: &mut dyn Db,
    caller: &Caller,
    name: &RoleName,
    description: &str,
    permissions: &PermissionSet,
) -> Result<String, AppError> {
    caller.may_grant_permissions(permissions.iter())?;
    let role_id =
        queries::insert_custom_role(conn, &caller.account_id, name, description, permissions)
            .await
            .map_err(write_error)?;
    record_role_event(
        conn,
        caller,
        AuditAction::RoleCreated,
        &role_id,
        name.as_str(),
        serde_json::json!({ "permissions": permissions.names(), "description": description }),
    )
    .await?;
    Ok(role_id)
}

/// A custom copy of a role (built-in or custom), named "… (copy)". The copy's id.
pub async fn duplicate(
    conn: &mut dyn Db,
    caller: &Caller,
    role_id: &str,
) -> Result<String, AppError> {
    let source = load_role(conn, &caller.account_id, role_id).await?;
    caller.may_grant_permissions(source.permissions.iter())?;
    let copy_name = queries::free_copy_name(conn, &caller.account_id, &source.name).await?;
    let name = RoleName::parse(&copy_name).map_err(|m| AppError::field("name", m))?;
    let copy_id = queries::insert_custom_role(
        conn,
        &caller.account_id,
        &name,
        &source.description,
        &source.permissions,
    )
    .await
    .map_err(write_error)?;
    record_role_event(
        conn,
        caller,
        AuditAction::RoleCreated,
        &copy_id,
        name.as_str(),
        serde_json::json!({ "copied_from": source.name, "permissions": source.permissions.names() }),
    )
    .await?;
    Ok(copy_id)
}

/// A custom role's new name and description, together.
pub async fn rename(
    conn: &mut dyn Db,
    caller: &Caller,
    role_id: &str,
    name: &RoleName,
    description: &str,
) -> Result<(), AppError> {
    let role = load_custom_role(conn, &caller.account_id, role_id).await?;
    queries::rename_role(conn, &role.id, name, description)
        .await
        .map_err(write_error)?;
    record_role_event(
        conn,
        caller,
        AuditAction::RoleRenamed,
        &role.id,
        name.as_str(),
        serde_json::json!({
            "from": { "name": role.name, "description": role.description },
            "to": { "name": name.as_str(), "description": description },
        }),
    )
    .await
    .map_err(Into::into)
}

/// A custom role's permissions become exactly `wanted`; each one added or taken away must be
/// the caller's own.
pub async fn set_permissions(
    conn: &mut dyn Db,
    caller: &Caller,
    role_id: &str,
    wanted: &PermissionSet,
) -> Result<(), AppError> {
    let role = load_custom_role(conn, &caller.account_id, role_id).await?;
    let (added, removed) = wanted.changes_from(&role.permissions);
    caller.may_grant_permissions(added.iter().chain(removed.iter()).copied())?;
    if added.is_empty() && removed.is_empty() {
        return Ok(());
    }
    queries::replace_permissions(conn, &role.id, wanted).await?;
    record_role_event(
        conn,
        caller,
        AuditAction::RolePermissionsChanged,
        &role.id,
        &role.name,
        serde_json::json!({
            "added": added.iter().map(|p| p.name()).collect::<Vec<_>>(),
            "removed": removed.iter().map(|p| p.name()).collect::<Vec<_>>(),
        }),
    )
    .await?;
    Ok(())
}

/// Deletes a custom role, unassigning it from its members and pending invitations. Without the
/// confirmation, a refusal that says how many hold it.
pub async fn delete(
    conn: &mut dyn Db,
    caller: &Caller,
    role_id: &str,
    confirmed: bool,
) -> Result<(), AppError> {
    let role = load_custom_role(conn, &caller.account_id, role_id).await?;
    caller.may_grant_permissions(role.permissions.iter())?;
    let invitations = queries::pending_invitation_count(conn, &role.id).await?;
    if !confirmed {
        let holders = queries::holder_count(conn, &role.id).await?;
        return Err(AppError::Conflict(format!(
            "Deleting \"{}\" needs confirmation: {holders} member(s) and {invitations} pending invitation(s) hold it and will lose it.",
            role.name
        )));
    }
    let unassigned = queries::delete_custom_role(conn, &role.id).await?;
    record_role_event(
        conn,
        caller,
        AuditAction::RoleDeleted,
        &role.id,
        &role.name,
        serde_json::json!({
            "unassigned_members": unassigned,
            "unassigned_invitations": invitations,
            "permissions": role.permissions.names(),
        }),
    )
    .await?;
    Ok(())
}
