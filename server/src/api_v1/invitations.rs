//! `GET /api/v1/accounts/{id}/invitations`: the account's pending invitations, newest first.
//! Needs `read:invites`.

use super::ApiState;
use super::gate::key_may;
use super::problem::{Problem, ProblemDocument};
use app::permissions::Permission;
use axum::Json;
use axum::extract::{Path, State};
use http::HeaderMap;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Invitation {
    id: String,
    email: String,
    /// The roles the invitee gets on accepting (Base included).
    roles: Vec<String>,
    invited_by: String,
    sent_at: String,
    expires_at: String,
}

/// The pending invitations (at most the account's limit, 50 by default).
#[utoipa::path(
    get,
    path = "/accounts/{account_id}/invitations",
    tag = "invitations",
    params(("account_id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The pending invitations", body = Vec<Invitation>),
        (status = 401, description = "No live key", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 403, description = "The key lacks read:invites", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, description = "Not the key's account", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 429, description = "The key's allowance is used up", body = ProblemDocument, content_type = "application/problem+json"),
    ),
    security(("api_key" = []))
)]
pub async fn list(
    State(api): State<ApiState>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<Invitation>>, Problem> {
    key_may(&api, &headers, &account_id, Permission::ReadInvites).await?;
    let mut conn = api.app.pool.acquire().await?;
    let now = app::server::now_rfc3339();
    let pending =
        app::invitations::queries::listing::list_open(&mut conn, &account_id, None, &now).await?;
    Ok(Json(
        pending
            .into_iter()
            .map(|invitation| Invitation {
                id: invitation.id,
                email: invitation.email,
                roles: invitation.roles,
                invited_by: invitation.invited_by,
                sent_at: invitation.sent_at,
                expires_at: invitation.expires_at,
            })
            .collect(),
    ))
}
