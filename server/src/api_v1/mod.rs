//! The JSON API for programs, at `/api/v1`: an account's API key as `Authorization: Bearer`,
//! the same gate and the same rules as the pages, errors as problem details.

mod account;
mod catalogue;
mod check;
mod gate;
pub mod problem;
mod rate;

pub use rate::KeyRate;

use app::server::AppState;
use axum::Router;
use axum::routing::{get, post};

#[derive(Clone)]
pub struct ApiState {
    pub app: AppState,
    pub rate: KeyRate,
}

/// The API's routes, to be nested at `/api/v1` (an unknown path there is a problem document).
pub fn router(api: ApiState) -> Router {
    Router::new()
        .route("/permissions", get(catalogue::permissions))
        .route("/accounts/{account_id}", get(account::account))
        .route("/accounts/{account_id}/check", post(check::check))
        .route(
            "/accounts/{account_id}/members/{user}/permissions",
            get(check::member_permissions),
        )
        .fallback(not_found)
        .with_state(api)
}

async fn not_found() -> problem::Problem {
    problem::Problem(app::error::AppError::NotFound("This API path".into()))
}
