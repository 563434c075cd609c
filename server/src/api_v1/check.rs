//! The answer a product needs on every request: may this user do this in this account, and
//! through which roles. `POST /api/v1/accounts/{id}/check` and
//! `GET /api/v1/accounts/{id}/members/{user}/permissions`.

use super::ApiState;
use super::calling_key::key_caller;
use super::problem::Problem;
use super::refusals::{KeyLacksPermission, KeyOverAllowance, NoLiveKey};
use app::db::Db;
use app::domain::Email;
use app::error::AppError;
use app::permissions::{Permission, PermissionSet};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use http::HeaderMap;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CheckRequest {
    /// The user's id, or their address.
    #[schema(min_length = 1, max_length = 254)]
    user: String,
    /// A permission of the catalogue (`GET /permissions`).
    #[schema(schema_with = permission_names)]
    permission: String,
}

/// The catalogue's names, as the document's enumeration.
fn permission_names() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(Permission::catalogue().into_iter().map(|p| p.name())))
        .description(Some("A permission of the catalogue"))
        .build()
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CheckAnswer {
    allowed: bool,
    /// The roles that allow it (none when it is not allowed, or the user is no member).
    via_roles: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MemberPermissions {
    user_id: String,
    permissions: Vec<String>,
    roles: Vec<String>,
}

/// May this user do this in this account, and through which roles? Needs `read:users`.
#[utoipa::path(
    post,
    path = "/accounts/{account_id}/check",
    tag = "permissions",
    params(("account_id" = String, Path, description = "The account's id")),
    request_body = CheckRequest,
    responses(
        (status = 200, description = "The answer (a user who is no member is never allowed)", body = CheckAnswer),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account", body = super::problem::ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "An unknown permission, or a body that is no check", body = super::problem::ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["read:users"]))
)]
pub async fn check(
    State(api): State<ApiState>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<CheckRequest>, JsonRejection>,
) -> Result<Json<CheckAnswer>, Problem> {
    key_caller(&api, &headers, &account_id, &[Permission::ReadUsers]).await?;
    let Json(request) = body.map_err(|rejection| {
        AppError::field(
            "body",
            format!(
                "Send {{\"user\": …, \"permission\": …}} as JSON: {}",
                rejection.body_text()
            ),
        )
    })?;
    let user = request.user.trim();
    if user.is_empty() || user.chars().count() > 254 {
        return Err(AppError::field("user", "Name the user by their id or their address.").into());
    }
    let permission = Permission::from_name(request.permission.trim()).ok_or_else(|| {
        AppError::field(
            "permission",
            format!("Unknown permission: {}", request.permission.trim()),
        )
    })?;
    let mut conn = api.app.pool.acquire().await?;
    let roles = match user_id(&mut conn, user).await? {
        Some(user_id) => app::roles::queries::held::held_roles(&mut conn, &account_id, &user_id)
            .await?
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let via_roles: Vec<String> = roles
        .into_iter()
        .filter(|(_, permissions)| permissions.contains(permission))
        .map(|(name, _)| name)
        .collect();
    Ok(Json(CheckAnswer {
        allowed: !via_roles.is_empty(),
        via_roles,
    }))
}

/// Every permission a member holds, and their roles. Needs `read:users`.
#[utoipa::path(
    get,
    path = "/accounts/{account_id}/members/{user}/permissions",
    tag = "permissions",
    params(
        ("account_id" = String, Path, description = "The account's id"),
        ("user" = String, Path, description = "The user's id or address"),
    ),
    responses(
        (status = 200, description = "The member's permissions and roles", body = MemberPermissions),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account, or no such member", body = super::problem::ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["read:users"]))
)]
pub async fn member_permissions(
    State(api): State<ApiState>,
    Path((account_id, user)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<MemberPermissions>, Problem> {
    key_caller(&api, &headers, &account_id, &[Permission::ReadUsers]).await?;
    let mut conn = api.app.pool.acquire().await?;
    let not_found = || AppError::NotFound("The member".into());
    let user_id = user_id(&mut conn, &user).await?.ok_or_else(not_found)?;
    let roles = app::roles::queries::held::held_roles(&mut conn, &account_id, &user_id)
        .await?
        .ok_or_else(not_found)?;
    let all = roles
        .iter()
        .fold(PermissionSet::default(), |all, (_, held)| all.union(held));
    Ok(Json(MemberPermissions {
        user_id,
        permissions: all.names(),
        roles: roles.into_iter().map(|(name, _)| name).collect(),
    }))
}

/// A user named by id or by address; `None` when nobody is.
async fn user_id(conn: &mut dyn Db, user: &str) -> Result<Option<String>, Problem> {
    let user = user.trim();
    if user.contains('@') {
        let Ok(email) = Email::parse(user) else {
            return Ok(None);
        };
        return Ok(app::auth::queries::user_id_by_email(conn, &email).await?);
    }
    Ok((!user.is_empty() && user.len() <= 64).then(|| user.to_owned()))
}
