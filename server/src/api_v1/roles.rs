//! `/api/v1/accounts/{id}/roles`: the account's roles and what each allows (`read:roles`),
//! creating (`write:roles`), changing (`write:roles`) and deleting (`delete:roles`) custom
//! ones, through the page's rules.

use super::ApiState;
use super::calling_key::key_caller;
use super::json_body::json_body;
use super::problem::{Problem, ProblemDocument};
use super::refusals::{KeyLacksPermission, KeyOverAllowance, NoLiveKey};
use app::error::AppError;
use app::permissions::Permission;
use app::roles::{RoleName, parse_description, rules};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

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
    /// Names it holds that the deployment no longer declares: they grant nothing.
    undeclared: Vec<String>,
}

/// The account's roles: the built-in ones first, then the custom ones by name.
#[utoipa::path(
    get,
    path = "/accounts/{account_id}/roles",
    tag = "roles",
    params(("account_id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The roles", body = Vec<RoleListed>),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["read:roles"]))
)]
pub async fn list(
    State(api): State<ApiState>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<RoleListed>>, Problem> {
    key_caller(&api, &headers, &account_id, &[Permission::ReadRoles]).await?;
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
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account, or no such role", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["read:roles"]))
)]
pub async fn get(
    State(api): State<ApiState>,
    Path((account_id, role_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Role>, Problem> {
    key_caller(&api, &headers, &account_id, &[Permission::ReadRoles]).await?;
    Ok(Json(found(&api, &account_id, &role_id).await?))
}

async fn found(api: &ApiState, account_id: &str, role_id: &str) -> Result<Role, Problem> {
    let mut conn = api.app.pool.acquire().await?;
    let role = app::roles::queries::find_role(&mut conn, account_id, role_id)
        .await?
        .ok_or_else(|| AppError::NotFound("The role".into()))?;
    let permissions = role
        .builtin
        .map_or_else(|| role.permissions.clone(), |builtin| builtin.permissions());
    Ok(Role {
        id: role.id,
        name: role.name,
        description: role.description,
        builtin: role.builtin.map(|b| b.key()),
        permissions: permissions.names(),
        undeclared: role.undeclared,
    })
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewRole {
    #[schema(min_length = 1, max_length = 60)]
    name: String,
    #[serde(default)]
    #[schema(max_length = 300)]
    description: String,
    /// Permission names; each a permission the key holds (writes bring their reads).
    permissions: Vec<String>,
}

/// Creates a custom role. Needs `write:roles`.
#[utoipa::path(
    post,
    path = "/accounts/{account_id}/roles",
    tag = "roles",
    params(("account_id" = String, Path, description = "The account's id")),
    request_body = NewRole,
    responses(
        (status = 201, description = "The new role", body = Role),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "A name that is empty, too long or taken, or a permission unknown or not the key's", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["write:roles"]))
)]
pub async fn create(
    State(api): State<ApiState>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<NewRole>, JsonRejection>,
) -> Result<(StatusCode, Json<Role>), Problem> {
    let mut caller = key_caller(&api, &headers, &account_id, &[Permission::WriteRoles]).await?;
    let new = json_body(body, "{\"name\": …, \"permissions\": […]}")?;
    let name = RoleName::parse(&new.name).map_err(|m| AppError::field("name", m))?;
    let description =
        parse_description(&new.description).map_err(|m| AppError::field("description", m))?;
    let permissions = rules::parse_permissions(&new.permissions)?;
    let mut tx = caller.begin_write(&api.app.writer).await?;
    let role_id = rules::create(&mut tx, &caller, &name, &description, &permissions).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(found(&api, &account_id, &role_id).await?),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RoleChange {
    /// A new name (with the description, or the one it has).
    #[schema(min_length = 1, max_length = 60)]
    name: Option<String>,
    #[schema(max_length = 300)]
    description: Option<String>,
    /// Exactly the permissions it is to grant; each one added or taken away the key's own.
    permissions: Option<Vec<String>>,
}

/// Changes a custom role: what is given of its name, description and permissions, in one
/// transaction. Built-in roles cannot be changed. Needs `write:roles`.
#[utoipa::path(
    patch,
    path = "/accounts/{account_id}/roles/{role_id}",
    tag = "roles",
    params(
        ("account_id" = String, Path, description = "The account's id"),
        ("role_id" = String, Path, description = "The role's id"),
    ),
    request_body = RoleChange,
    responses(
        (status = 200, description = "The role now", body = Role),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account, or no such role", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "A built-in role, a name that is empty, too long or taken, or a permission unknown or not the key's", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["write:roles"]))
)]
pub async fn update(
    State(api): State<ApiState>,
    Path((account_id, role_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Json<RoleChange>, JsonRejection>,
) -> Result<Json<Role>, Problem> {
    let mut caller = key_caller(&api, &headers, &account_id, &[Permission::WriteRoles]).await?;
    let change = json_body(body, "{\"name\"?, \"description\"?, \"permissions\"?}")?;
    let permissions = change
        .permissions
        .as_deref()
        .map(rules::parse_permissions)
        .transpose()?;
    let naming = change.name.is_some() || change.description.is_some();
    let mut tx = caller.begin_write(&api.app.writer).await?;
    if naming {
        let role = rules::load_custom_role(&mut tx, &account_id, &role_id).await?;
        let name = RoleName::parse(change.name.as_deref().unwrap_or(&role.name))
            .map_err(|m| AppError::field("name", m))?;
        let description =
            parse_description(change.description.as_deref().unwrap_or(&role.description))
                .map_err(|m| AppError::field("description", m))?;
        rules::rename(&mut tx, &caller, &role_id, &name, &description).await?;
    }
    if let Some(permissions) = &permissions {
        rules::set_permissions(&mut tx, &caller, &role_id, permissions).await?;
    }
    if !naming && permissions.is_none() {
        rules::load_custom_role(&mut tx, &account_id, &role_id).await?;
    }
    tx.commit().await?;
    Ok(Json(found(&api, &account_id, &role_id).await?))
}

/// Deletes a custom role, taking it from its members and pending invitations (the request is
/// the confirmation). Needs `delete:roles`.
#[utoipa::path(
    delete,
    path = "/accounts/{account_id}/roles/{role_id}",
    tag = "roles",
    params(
        ("account_id" = String, Path, description = "The account's id"),
        ("role_id" = String, Path, description = "The role's id"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account, or no such role", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "A built-in role, or one that grants permissions the key lacks", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["delete:roles"]))
)]
pub async fn delete(
    State(api): State<ApiState>,
    Path((account_id, role_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<StatusCode, Problem> {
    let mut caller = key_caller(&api, &headers, &account_id, &[Permission::DeleteRoles]).await?;
    let mut tx = caller.begin_write(&api.app.writer).await?;
    rules::delete(&mut tx, &caller, &role_id, true).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
