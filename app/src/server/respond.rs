use crate::error::AppError;
use std::error::Error;

/// Logs an unexpected error with its whole chain of causes and returns the opaque
/// [`AppError::Internal`]; the browser never sees the details.
pub fn internal(error: impl Error) -> AppError {
    let mut chain = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    tracing::error!(error.chain = %chain, "internal error");
    AppError::Internal
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        internal(error)
    }
}

/// Runs the body of a server function and, when it fails, gives the response the status of the
/// error so that programmatic callers can tell the kinds apart. A plain HTML form post keeps the
/// redirect the framework sets for it (the error then travels in the URL back to the form).
/// Called while a page renders, a refusal is the page's to show: the page sets its own status
/// (a signed-out sign-in page is 200 even though the header's list of accounts was refused).
pub async fn respond<T>(work: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let outcome = work.await;
    if let Err(error) = &outcome
        && is_server_function_call()
        && !is_plain_form_post()
    {
        set_status_for(error);
    }
    outcome
}

/// Gives the response being built the HTTP status of `error` (and `Retry-After` when it says
/// when to come back).
pub fn set_status_for(error: &AppError) {
    let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    if let Ok(status) = http::StatusCode::from_u16(error.status()) {
        options.set_status(status);
    }
    if let Some(seconds) = error.retry_after_secs() {
        options.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
    }
}

/// Whether this request is a call of a server function over HTTP (not a page being rendered).
fn is_server_function_call() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .is_some_and(|parts| parts.uri.path().starts_with("/api/"))
}

fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|accept| accept.to_str().ok())
                .map(|accept| accept.contains("text/html"))
        })
        .unwrap_or(false)
}
