//! Creating and revoking API keys, inside the caller's write transaction.

use super::queries::{self, NewKey};
use crate::access::Caller;
use crate::audit::{AuditAction, AuditEvent, record};
use crate::db::Db;
use crate::error::AppError;
use crate::permissions::PermissionSet;
use crate::secrets::ApiKeySecret;

/// A new key named `name` with exactly `permissions` (each one the caller holds), working until
/// `expires_at` if given. Its id and its secret, which nothing keeps.
pub async fn create(
    conn: &mut dyn Db,
    caller: &Caller,
    name: &str,
    permissions: &PermissionSet,
    expires_at: Option<&str>,
    now: &str,
) -> Result<(String, ApiKeySecret), AppError> {
    if permissions.is_empty() {
        return Err(AppError::field(
            "permissions",
            "Choose at least one permission for the key.",
        ));
    }
    caller.may_grant_permissions(permissions.iter())?;
    let id = uuid::Uuid::new_v4().to_string();
    let secret = ApiKeySecret::generate();
    queries::insert(
        conn,
        &NewKey {
            id: &id,
            account_id: &caller.account_id,
            name,
            secret_hash: &secret.hash(),
            hint: &secret.hint(),
            created_by: caller.user().map(|user| user.id.as_str()),
            created_at: now,
            expires_at,
            permissions,
        },
    )
    .await?;
    record(
        conn,
        AuditEvent {
            account_id: &caller.account_id,
            actor: caller.audit_actor(),
            action: AuditAction::ApiKeyCreated,
            target_kind: "api_key",
            target_id: &id,
            target_name: name,
            details: serde_json::json!({ "permissions": permissions.names(), "expires_at": expires_at }),
        },
    )
    .await?;
    Ok((id, secret))
}

/// Revokes a key of the caller's account: it is refused from its next request.
pub async fn revoke(
    conn: &mut dyn Db,
    caller: &Caller,
    key_id: &str,
    now: &str,
) -> Result<(), AppError> {
    let name = queries::revoke(conn, &caller.account_id, key_id, now)
        .await?
        .ok_or_else(|| AppError::NotFound("The API key".into()))?;
    record(
        conn,
        AuditEvent {
            account_id: &caller.account_id,
            actor: caller.audit_actor(),
            action: AuditAction::ApiKeyRevoked,
            target_kind: "api_key",
            target_id: key_id,
            target_name: &name,
            details: serde_json::json!({}),
        },
    )
    .await?;
    Ok(())
}

/// The caller adopts a key of the account (typically one whose maker left): from now on it acts
/// as the caller's delegate. Only a signed-in member who holds every permission the key
/// carries may; a revoked key stays revoked.
pub async fn adopt(conn: &mut dyn Db, caller: &Caller, key_id: &str) -> Result<(), AppError> {
    let user = caller.signed_in()?;
    let (name, carried, revoked) = queries::find(conn, &caller.account_id, key_id)
        .await?
        .ok_or_else(|| AppError::NotFound("The API key".into()))?;
    if revoked {
        return Err(AppError::Conflict(
            "This key is revoked; make a new one instead.".into(),
        ));
    }
    caller
        .may_grant(carried.iter())
        .map_err(|crate::access::NotHeld(missing)| {
            AppError::Conflict(format!(
                "You can only adopt a key whose permissions you hold yourself; you do not hold {}.",
                missing.join(", ")
            ))
        })?;
    queries::set_maker(conn, &caller.account_id, key_id, &user.id).await?;
    record(
        conn,
        AuditEvent {
            account_id: &caller.account_id,
            actor: caller.audit_actor(),
            action: AuditAction::ApiKeyAdopted,
            target_kind: "api_key",
            target_id: key_id,
            target_name: &name,
            details: serde_json::json!({ "permissions": carried.names() }),
        },
    )
    .await?;
    Ok(())
}
