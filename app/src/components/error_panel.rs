use crate::error::AppError;
use leptos::prelude::*;

/// A whole-page error: what happened and where to go next. Sets the matching HTTP status.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::set_status_for(&error);
    let heading = match &error {
        AppError::NotFound(_) => "Not found",
        AppError::Forbidden | AppError::ForbiddenBecause(_) => "Not allowed",
        _ => "Something went wrong",
    };
    view! {
        <section class="panel" aria-labelledby="error-heading">
            <h1 id="error-heading">{heading}</h1>
            <p>{error.to_string()}</p>
            <p>
                <a href="/">"Back to your accounts"</a>
            </p>
        </section>
    }
}
