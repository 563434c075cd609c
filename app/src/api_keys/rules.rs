//! Creating and revoking API keys, inside the caller's write transaction.

use super::queries::{self, NewKey};
use super::secret::ApiKeySecret;
use crate::audit::{AuditAction, AuditEvent, record};
use crate::db::Db;
use crate::error::AppError;
use crate::permissions::PermissionSet;
use crate::server::Caller;

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
