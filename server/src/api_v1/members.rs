//! `/api/v1/accounts/{id}/members`: the members by name with a cursor, one member
//! (`read:users`), their roles changed (`write:users`) and their removal (`delete:users`),
//! through the page's rules.

use super::ApiState;
use super::calling_key::key_caller;
use super::cursor::Cursor;
use super::json_body::json_body;
use super::problem::{Problem, ProblemDocument};
use super::refusals::{KeyLacksPermission, KeyOverAllowance, NoLiveKey};
use app::error::AppError;
use app::members::queries::directory::{self, DirectoryFilter, ListedMember};
use app::permissions::BuiltinRole;
use app::permissions::Permission;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Member {
    user_id: String,
    name: String,
    email: String,
    joined_at: String,
    is_owner: bool,
    /// Every role held: Base, Owner for the owner, then the roles assigned.
    roles: Vec<RoleRef>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RoleRef {
    id: String,
    name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MemberPage {
    members: Vec<Member>,
    /// Pass as `after` for the next page; absent on the last one.
    next: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MemberQuery {
    /// How many members (1–100, 50 unless given).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
    /// The `next` of the previous page.
    #[param(pattern = "^([0-9a-f]{2})*$", max_length = 2048)]
    after: Option<String>,
    /// Only the holders of this role (its id).
    role: Option<String>,
    /// Only members whose name or address contains this, any case.
    query: Option<String>,
}

impl From<ListedMember> for Member {
    fn from(member: ListedMember) -> Self {
        Self {
            user_id: member.user_id,
            name: member.display_name,
            email: member.email,
            joined_at: member.joined_at,
            is_owner: member.is_owner,
            roles: member
                .roles
                .into_iter()
                .map(|(id, name)| RoleRef { id, name })
                .collect(),
        }
    }
}

/// The members by name, a page at a time. Needs `read:users`.
#[utoipa::path(
    get,
    path = "/accounts/{account_id}/members",
    tag = "members",
    params(("account_id" = String, Path, description = "The account's id"), MemberQuery),
    responses(
        (status = 200, description = "One page of members", body = MemberPage),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account, or no such role", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "A limit out of range or a cursor that is none", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["read:users"]))
)]
pub async fn list(
    State(api): State<ApiState>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
    query: Result<Query<MemberQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<MemberPage>, Problem> {
    key_caller(&api, &headers, &account_id, &[Permission::ReadUsers]).await?;
    let Query(query) =
        query.map_err(|rejection| AppError::field("query", rejection.body_text()))?;
    let limit = query.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(AppError::field("limit", "Ask for 1 to 100 members at once.").into());
    }
    let after = query
        .after
        .as_deref()
        .filter(|after| !after.is_empty())
        .map(|after| Cursor::parse(after, "after"))
        .transpose()?;
    let mut conn = api.app.pool.acquire().await?;
    let mut filter = DirectoryFilter {
        role_id: None,
        owner_only: false,
        query: query
            .query
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty()),
    };
    if let Some(role_id) = query.role.as_deref().filter(|role| !role.is_empty()) {
        let role = app::roles::queries::find_role(&mut conn, &account_id, role_id)
            .await?
            .ok_or_else(|| AppError::NotFound("The role".into()))?;
        match role.builtin {
            // Every member holds Base.
            Some(BuiltinRole::Base) => {}
            Some(BuiltinRole::Owner) => filter.owner_only = true,
            _ => filter.role_id = Some(role_id),
        }
    }
    let mut members = directory::page(
        &mut conn,
        &account_id,
        &filter,
        after.as_ref().map(Cursor::as_str),
        limit + 1,
    )
    .await?;
    let next = (members.len() > limit as usize).then(|| {
        members.truncate(limit as usize);
        Cursor::of(&members[members.len() - 1].cursor).to_string()
    });
    Ok(Json(MemberPage {
        members: members.into_iter().map(Member::from).collect(),
        next,
    }))
}

/// One member with their roles. Needs `read:users`.
#[utoipa::path(
    get,
    path = "/accounts/{account_id}/members/{user}",
    tag = "members",
    params(
        ("account_id" = String, Path, description = "The account's id"),
        ("user" = String, Path, description = "The user's id"),
    ),
    responses(
        (status = 200, description = "The member", body = Member),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account, or no such member", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["read:users"]))
)]
pub async fn get(
    State(api): State<ApiState>,
    Path((account_id, user)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Member>, Problem> {
    key_caller(&api, &headers, &account_id, &[Permission::ReadUsers]).await?;
    Ok(Json(found(&api, &account_id, &user).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RolesChange {
    /// The ids of exactly the roles the member is to hold (Base is implicit; Owner is handed
    /// over, not given; each role added or taken away only with permissions the key holds).
    roles: Vec<String>,
}

/// Gives a member exactly these roles. Needs `write:users`.
#[utoipa::path(
    patch,
    path = "/accounts/{account_id}/members/{user}",
    tag = "members",
    params(
        ("account_id" = String, Path, description = "The account's id"),
        ("user" = String, Path, description = "The user's id"),
    ),
    request_body = RolesChange,
    responses(
        (status = 200, description = "The member with their roles now", body = Member),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account, or no such member or role", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "Owner, or a role the key may not give or take away", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["write:users"]))
)]
pub async fn set_roles(
    State(api): State<ApiState>,
    Path((account_id, user)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Json<RolesChange>, JsonRejection>,
) -> Result<Json<Member>, Problem> {
    let mut caller = key_caller(&api, &headers, &account_id, &[Permission::WriteUsers]).await?;
    let change = json_body(body, "{\"roles\": [role ids]}")?;
    let mut tx = caller.begin_write(&api.app.writer).await?;
    app::members::rules::set_roles(&mut tx, &caller, &user, &change.roles).await?;
    tx.commit().await?;
    Ok(Json(found(&api, &account_id, &user).await?))
}

/// Removes a member's access (never the owner's). Needs `delete:users`. The pending
/// invitations the member sent are revoked with it, when the key may revoke invitations.
#[utoipa::path(
    delete,
    path = "/accounts/{account_id}/members/{user}",
    tag = "members",
    params(
        ("account_id" = String, Path, description = "The account's id"),
        ("user" = String, Path, description = "The user's id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account, or no such member", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, description = "The owner, or a member holding permissions the key lacks", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["delete:users"]))
)]
pub async fn remove(
    State(api): State<ApiState>,
    Path((account_id, user)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<StatusCode, Problem> {
    let mut caller = key_caller(&api, &headers, &account_id, &[Permission::DeleteUsers]).await?;
    let mut tx = caller.begin_write(&api.app.writer).await?;
    app::members::rules::remove(&mut tx, &caller, &user, false).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn found(api: &ApiState, account_id: &str, user: &str) -> Result<Member, Problem> {
    let mut conn = api.app.pool.acquire().await?;
    directory::one(&mut conn, account_id, user)
        .await?
        .map(Member::from)
        .ok_or_else(|| AppError::NotFound("The member".into()).into())
}
