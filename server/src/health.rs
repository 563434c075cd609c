//! What a load balancer asks: `/healthz` (the process answers) and `/readyz` (it can serve:
//! the database answers and every migration this binary carries is applied).

use app::server::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;

pub async fn healthz() -> &'static str {
    "ok\n"
}

pub async fn readyz(State(state): State<AppState>) -> Response {
    match crate::database::pending_migrations(&state.pool).await {
        Ok(0) => "ready\n".into_response(),
        Ok(pending) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {pending} migrations not applied\n"),
        )
            .into_response(),
        Err(error) => {
            tracing::warn!(%error, "readiness: the database did not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "not ready: the database did not answer\n",
            )
                .into_response()
        }
    }
}
