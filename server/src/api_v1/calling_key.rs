//! The first step of every API handler: the key's `Caller` (from `access::key_door`), within
//! the key's allowance of requests. Reads and writes get the same `Caller`.

use super::ApiState;
use super::problem::Problem;
use app::access::{Caller, LiveKey, calling_key};
use app::error::AppError;
use app::permissions::Permission;
use http::HeaderMap;

/// The key's caller in `account_id`, let in for `any_of` (the permissions that each allow the
/// operation: revoking an invitation takes write or delete).
pub async fn key_caller(
    api: &ApiState,
    headers: &HeaderMap,
    account_id: &str,
    any_of: &[Permission],
) -> Result<Caller, Problem> {
    let key = any_key(api, headers).await?;
    Ok(app::access::key_caller(key, account_id, any_of)?)
}

/// A live key within its allowance, whatever its account.
pub async fn any_key(api: &ApiState, headers: &HeaderMap) -> Result<LiveKey, Problem> {
    let authorization = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    let key = calling_key(&api.app, authorization).await?;
    if let Err(wait) = api.rate.admit(&key.id) {
        return Err(AppError::TooManyRequests {
            message: "This key made too many requests. Wait a moment and try again.".into(),
            retry_after_secs: wait.as_secs().max(1),
        }
        .into());
    }
    Ok(key)
}
