//! `GET /api/v1/permissions`: the catalogue roles are made of.

use super::ApiState;
use super::gate::any_key;
use super::problem::Problem;
use app::permissions::Permission;
use axum::Json;
use axum::extract::State;
use http::HeaderMap;
use serde::Serialize;

#[derive(Serialize)]
pub struct CatalogueEntry {
    name: &'static str,
    group: &'static str,
    description: &'static str,
    /// The read a write or delete brings with it.
    implies: Option<&'static str>,
}

pub async fn permissions(
    State(api): State<ApiState>,
    headers: HeaderMap,
) -> Result<Json<Vec<CatalogueEntry>>, Problem> {
    any_key(&api, &headers).await?;
    Ok(Json(
        Permission::ALL
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
