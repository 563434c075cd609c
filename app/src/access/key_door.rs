//! The door of a program: which key is calling, and whether it may do this in this account.
//! The same refusals as a user's door: a key of another account finds no account at all. A key
//! acts as its maker's delegate (`delegation`): suspended, it is refused saying why.

use super::queries::{self, LiveKey};
use super::{Actor, Caller, MemberRights};
use crate::error::AppError;
use crate::permissions::Permission;
use crate::secrets::ApiKeySecret;
use crate::server::AppState;

/// Marking a key used on every request would write on every request; a minute is precise
/// enough for "last used".
const USE_RECORDED_EVERY: chrono::Duration = chrono::Duration::seconds(60);

/// The live key whose secret the `Authorization` header carries (401 for none, a malformed or
/// unknown one, a revoked or expired one: the same answer for each).
pub async fn calling_key(
    state: &AppState,
    authorization: Option<&str>,
) -> Result<LiveKey, AppError> {
    let secret = authorization
        .and_then(ApiKeySecret::from_bearer)
        .ok_or(AppError::Unauthenticated)?;
    let now = chrono::Utc::now();
    let stamp = crate::server::rfc3339(now);
    let key = queries::live_key(&state.pool, &secret.hash(), &stamp)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let mut conn = state.pool.acquire().await?;
    refuse_if_suspended(
        &mut conn,
        &key.account_id,
        key.created_by.as_deref(),
        &key.permissions,
    )
    .await?;
    let stale = key.last_used_at.as_deref().is_none_or(|last| {
        chrono::DateTime::parse_from_rfc3339(last).map_or(true, |last| {
            now - last.with_timezone(&chrono::Utc) >= USE_RECORDED_EVERY
        })
    });
    if stale {
        queries::mark_used(&state.writer, &key.id, &stamp).await?;
    }
    Ok(key)
}

/// A 403 naming why, when the key's maker no longer holds what it carries.
async fn refuse_if_suspended(
    conn: &mut dyn crate::db::Db,
    account_id: &str,
    maker_id: Option<&str>,
    carried: &crate::permissions::PermissionSet,
) -> Result<(), AppError> {
    match super::delegation::suspension(conn, account_id, maker_id, carried).await? {
        Some(suspension) => Err(AppError::ForbiddenBecause(suspension.reason())),
        None => Ok(()),
    }
}

/// What a live, unsuspended key may do in `account_id` now, read inside a write's transaction
/// (revoked, expired or suspended since the request began are refused).
pub async fn key_rights_now(
    conn: &mut dyn crate::db::Db,
    account_id: &str,
    key_id: &str,
) -> Result<Option<MemberRights>, AppError> {
    let now = crate::server::now_rfc3339();
    let Some((permissions, maker_id)) = queries::key_rights(conn, account_id, key_id, &now).await?
    else {
        return Ok(None);
    };
    refuse_if_suspended(conn, account_id, maker_id.as_deref(), &permissions).await?;
    Ok(Some(MemberRights {
        permissions,
        is_owner: false,
        needs_second_factor: false,
    }))
}

/// The key as a caller in `account_id`, let in for `any_of` (the permissions that each allow
/// what it asks): the same `Caller` a user's door makes, so reads and writes go through the
/// same rules, a write checks the key again inside its transaction, and the audit log names
/// the key.
pub fn key_caller(
    key: LiveKey,
    account_id: &str,
    any_of: &[Permission],
) -> Result<Caller, AppError> {
    let held = any_of
        .iter()
        .find(|p| key.permissions.contains(**p))
        .unwrap_or(&any_of[0]);
    authorize(&key, account_id, *held)?;
    Ok(Caller::let_in(
        Actor::Key {
            id: key.id,
            name: key.name,
        },
        account_id,
        MemberRights {
            permissions: key.permissions,
            is_owner: false,
            needs_second_factor: false,
        },
        any_of,
    ))
}

/// The key may act in `account_id` with `needs`.
fn authorize(key: &LiveKey, account_id: &str, needs: Permission) -> Result<(), AppError> {
    if key.account_id != account_id {
        return Err(AppError::NotFound("The account".into()));
    }
    if !key.permissions.contains(needs) {
        tracing::info!(key.id = %key.id, needs = needs.name(), "API key refused: missing permission");
        return Err(AppError::Forbidden);
    }
    Ok(())
}
