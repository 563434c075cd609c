//! `GET /api/v1/accounts/{id}`: the account the key belongs to.

use super::ApiState;
use super::gate::key_may;
use super::problem::Problem;
use app::error::AppError;
use app::permissions::Permission;
use axum::Json;
use axum::extract::{Path, State};
use http::HeaderMap;
use serde::Serialize;

#[derive(Serialize)]
pub struct Account {
    id: String,
    name: String,
    members: i64,
    created_at: String,
}

pub async fn account(
    State(api): State<ApiState>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Account>, Problem> {
    key_may(&api, &headers, &account_id, Permission::ReadAccount).await?;
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
