//! The first step of every API handler: which key, within its allowance, may it do this here.

use super::ApiState;
use super::problem::Problem;
use app::api_keys::gate::{authorize, calling_key};
use app::api_keys::queries::LiveKey;
use app::error::AppError;
use app::permissions::Permission;
use http::HeaderMap;

pub async fn key_may(
    api: &ApiState,
    headers: &HeaderMap,
    account_id: &str,
    needs: Permission,
) -> Result<LiveKey, Problem> {
    let key = any_key(api, headers).await?;
    authorize(&key, account_id, needs)?;
    Ok(key)
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
