//! Server-side helpers shared by the role server functions.

use super::queries::{RoleWriteError, StoredRole, find_role};
use crate::error::AppError;
use sqlx::SqliteConnection;

pub const BUILTIN_IMMUTABLE: &str = "Built-in roles cannot be renamed, edited or deleted.";

pub async fn load_role(
    conn: &mut SqliteConnection,
    account_id: &str,
    role_id: &str,
) -> Result<StoredRole, AppError> {
    find_role(conn, account_id, role_id)
        .await?
        .ok_or_else(|| AppError::NotFound("The role".into()))
}

/// A custom role, or a validation error for a built-in one.
pub async fn load_custom_role(
    conn: &mut SqliteConnection,
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
    conn: &mut SqliteConnection,
    caller: &crate::server::Caller,
    action: crate::audit::AuditAction,
    role_id: &str,
    role_name: &str,
    details: serde_json::Value,
) -> Result<(), sqlx::Error> {
    crate::audit::record(
        conn,
        crate::audit::AuditEvent {
            account_id: &caller.account_id,
            actor_id: &caller.user.id,
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
