//! `GET /api/v1/permissions`: the catalogue roles are made of.

use super::ApiState;
use super::calling_key::any_key;
use super::problem::Problem;
use super::refusals::{KeyOverAllowance, NoLiveKey};
use app::permissions::Permission;
use axum::Json;
use axum::extract::State;
use http::HeaderMap;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct CatalogueEntry {
    name: &'static str,
    group: &'static str,
    description: &'static str,
    /// The read a write or delete brings with it.
    implies: Option<&'static str>,
}

/// The permission catalogue: every permission a role or a key can hold.
#[utoipa::path(
    get,
    path = "/permissions",
    tag = "permissions",
    responses(
        (status = 200, description = "The catalogue", body = Vec<CatalogueEntry>),
        NoLiveKey,
        KeyOverAllowance,
    ),
    security(("api_key" = []))
)]
pub async fn permissions(
    State(api): State<ApiState>,
    headers: HeaderMap,
) -> Result<Json<Vec<CatalogueEntry>>, Problem> {
    any_key(&api, &headers).await?;
    Ok(Json(
        Permission::catalogue()
            .into_iter()
            .map(|p| CatalogueEntry {
                name: p.name(),
                group: p.group().title(),
                description: p.description(),
                implies: p.implied_read().map(Permission::name),
            })
            .collect(),
    ))
}
