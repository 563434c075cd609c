//! A request's JSON body, or a field error on `body` that says what was expected.

use super::problem::Problem;
use app::error::AppError;

pub fn json_body<T>(
    body: Result<axum::Json<T>, axum::extract::rejection::JsonRejection>,
    expected: &str,
) -> Result<T, Problem> {
    body.map(|axum::Json(value)| value).map_err(|rejection| {
        AppError::field(
            "body",
            format!("Send {expected} as JSON: {}", rejection.body_text()),
        )
        .into()
    })
}
