//! Turning the requirement on or off, inside the caller's write transaction.

use crate::access::Caller;
use crate::audit::{AuditAction, AuditEvent};
use crate::db::Db;
use crate::error::AppError;

/// Requires a second factor in the caller's account (or stops requiring it). Turning it on
/// needs the caller and the owner to have one, so that neither locks themselves out; nobody
/// is removed. Audited and announced by webhook when it changes.
pub async fn set_required(
    conn: &mut dyn Db,
    caller: &Caller,
    required: bool,
    now: &str,
) -> Result<bool, AppError> {
    if required {
        let user = caller.signed_in()?;
        if !crate::second_factor::queries::has_second_factor(&mut *conn, &user.id).await? {
            return Err(AppError::Conflict(
                "Add a second factor to your own user first (on your profile): you would be locked out otherwise.".into(),
            ));
        }
        let readiness = super::queries::readiness(&mut *conn, &caller.account_id).await?;
        if !readiness.owner_has_one {
            return Err(AppError::Conflict(
                "The account's owner has no second factor yet. Ask them to add one first: the owner must never be locked out.".into(),
            ));
        }
    }
    let since = required.then_some(now);
    if !super::queries::set_required(&mut *conn, &caller.account_id, since).await? {
        return Ok(false);
    }
    let name = crate::accounts::queries::account_name_in(&mut *conn, &caller.account_id).await?;
    crate::audit::record(
        conn,
        AuditEvent {
            account_id: &caller.account_id,
            actor: caller.audit_actor(),
            action: AuditAction::AccountSecondFactorPolicyChanged,
            target_kind: "account",
            target_id: &caller.account_id,
            target_name: &name,
            details: serde_json::json!({ "second_factor_required": required }),
        },
    )
    .await?;
    Ok(true)
}
