//! `GET /api/v1/accounts/{id}`: the account the key belongs to.

use super::ApiState;
use super::calling_key::key_caller;
use super::problem::Problem;
use super::refusals::{KeyLacksPermission, KeyOverAllowance, NoLiveKey};
use app::error::AppError;
use app::permissions::Permission;
use axum::Json;
use axum::extract::{Path, State};
use http::HeaderMap;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Account {
    id: String,
    name: String,
    members: i64,
    created_at: String,
}

/// The key's account: its name and how many members it has. Needs `read:account`.
#[utoipa::path(
    get,
    path = "/accounts/{account_id}",
    tag = "accounts",
    params(("account_id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The account", body = Account),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account", body = super::problem::ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["read:account"]))
)]
pub async fn account(
    State(api): State<ApiState>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Account>, Problem> {
    key_caller(&api, &headers, &account_id, &[Permission::ReadAccount]).await?;
    let mut conn = api.app.pool.acquire().await?;
    let (name, members, created_at) = app::accounts::queries::account_card(&mut conn, &account_id)
        .await?
        .ok_or_else(|| AppError::NotFound("The account".into()))?;
    Ok(Json(Account {
        id: account_id,
        name,
        members,
        created_at,
    }))
}
