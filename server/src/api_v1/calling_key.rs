//! The first step of every API handler: which key, within its allowance, may it do this here.

use super::ApiState;
use super::problem::Problem;
use app::api_keys::gate::{authorize, calling_key};
use app::api_keys::queries::LiveKey;
use app::error::AppError;
use app::permissions::Permission;
use app::roles::queries::MemberRights;
use app::server::{Actor, Caller};
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

/// The key as the actor of a write: the same `Caller` the pages' gate makes for a user, so the
/// write goes through the same `begin_write` (which checks the key again inside the
/// transaction: revoked meanwhile is refused) and the same rules, and is audited as the key.
/// `any_of`: the permissions that each allow the write (revoking an invitation: write or
/// delete).
pub async fn key_caller(
    api: &ApiState,
    headers: &HeaderMap,
    account_id: &str,
    any_of: &[Permission],
) -> Result<Caller, Problem> {
    let key = any_key(api, headers).await?;
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
        },
        any_of,
    ))
}

/// A JSON body, or a field error on `body` that says what was expected.
pub fn json_body<T>(
    body: Result<axum::Json<T>, axum::extract::rejection::JsonRejection>,
    expected: &str,
) -> Result<T, Problem> {
    body.map(|axum::Json(value)| value).map_err(|rejection| {
        AppError::field(
            "body",
            format!("Send {expected} as JSON: {}", rejection.body_text()),
        )
        .into()
    })
}
