//! `GET /api/v1/accounts/{id}/roles` and `…/roles/{role_id}`: the account's roles and what
//! each allows. Needs `read:roles`.

use super::ApiState;
use super::gate::key_may;
use super::problem::{Problem, ProblemDocument};
use app::error::AppError;
use app::permissions::Permission;
use axum::Json;
use axum::extract::{Path, State};
use http::HeaderMap;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct RoleListed {
    id: String,
    name: String,
    description: String,
    /// `base`, `admin` or `owner` for a built-in role, which cannot be changed.
    builtin: Option<&'static str>,
    members: i64,
    permission_count: usize,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Role {
    id: String,
    name: String,
    description: String,
    builtin: Option<&'static str>,
    /// Every permission the role grants (the reads its writes bring included).
    permissions: Vec<String>,
}

/// The account's roles: the built-in ones first, then the custom ones by name.
#[utoipa::path(
    get,
    path = "/accounts/{account_id}/roles",
    tag = "roles",
    params(("account_id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The roles", body = Vec<RoleListed>),
        (status = 401, description = "No live key", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 403, description = "The key lacks read:roles", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, description = "Not the key's account", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 429, description = "The key's allowance is used up", body = ProblemDocument, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn list(
    State(api): State<ApiState>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<RoleListed>>, Problem> {
    key_may(&api, &headers, &account_id, Permission::ReadRoles).await?;
    let roles = app::roles::queries::list_roles(&api.app.pool, &account_id).await?;
    Ok(Json(
        roles
            .into_iter()
            .map(|role| RoleListed {
                id: role.id,
                name: role.name,
                description: role.description,
                builtin: role.builtin.map(|b| b.key()),
                members: role.member_count,
                permission_count: role.permission_count,
            })
            .collect(),
    ))
}

/// One role of the account, with every permission it grants.
#[utoipa::path(
    get,
    path = "/accounts/{account_id}/roles/{role_id}",
    tag = "roles",
    params(
        ("account_id" = String, Path, description = "The account's id"),
        ("role_id" = String, Path, description = "The role's id"),
    ),
    responses(
        (status = 200, description = "The role", body = Role),
        (status = 401, description = "No live key", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 403, description = "The key lacks read:roles", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, description = "Not the key's account, or no such role", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 429, description = "The key's allowance is used up", body = ProblemDocument, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn get(
    State(api): State<ApiState>,
    Path((account_id, role_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Role>, Problem> {
    key_may(&api, &headers, &account_id, Permission::ReadRoles).await?;
    let mut conn = api.app.pool.acquire().await?;
    let role = app::roles::queries::find_role(&mut conn, &account_id, &role_id)
        .await?
        .ok_or_else(|| AppError::NotFound("The role".into()))?;
    let permissions = role
        .builtin
        .map_or_else(|| role.permissions.clone(), |builtin| builtin.permissions());
    Ok(Json(Role {
        id: role.id,
        name: role.name,
        description: role.description,
        builtin: role.builtin.map(|b| b.key()),
        permissions: permissions.names(),
    }))
}
