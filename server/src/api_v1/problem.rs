//! Errors as RFC 9457 problem details (`application/problem+json`), with field errors.

use app::error::AppError;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde::Serialize;

/// An API error: the pages' error, told as a problem document.
pub struct Problem(pub AppError);

impl From<AppError> for Problem {
    fn from(error: AppError) -> Self {
        Self(error)
    }
}

impl From<sqlx::Error> for Problem {
    fn from(error: sqlx::Error) -> Self {
        Self(error.into())
    }
}

/// A problem document as the API sends it (RFC 9457).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ProblemDocument {
    /// Always `about:blank`: the status and title say what kind of problem it is.
    #[schema(rename = "type")]
    kind: String,
    title: String,
    status: u16,
    /// What went wrong, for a person.
    detail: String,
    /// One entry per field that was refused.
    errors: Option<Vec<FieldProblem>>,
}

#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct FieldProblem {
    field: String,
    message: String,
}

#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [app::error::FieldError],
}

fn title(status: u16) -> &'static str {
    match status {
        400 => "Bad request",
        401 => "Unauthenticated",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        422 => "Invalid fields",
        429 => "Too many requests",
        503 => "Busy",
        _ => "Internal error",
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let errors = match &self.0 {
            AppError::Validation(errors) => errors.as_slice(),
            _ => &[],
        };
        let detail = match &self.0 {
            AppError::Unauthenticated => {
                "Send a live API key of this account as `Authorization: Bearer roster_…`."
                    .to_owned()
            }
            other => other.to_string(),
        };
        let body = serde_json::to_vec(&Document {
            kind: "about:blank",
            title: title(status),
            status,
            detail,
            errors,
        })
        .unwrap_or_default();
        let mut response = (
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body,
        )
            .into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.0.retry_after_secs()
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            headers.insert(header::RETRY_AFTER, value);
        }
        if status == 401 {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"roster\""),
            );
        }
        response
    }
}
