use crate::error::AppError;
use leptos::prelude::*;

/// A whole-page error: what happened and where to go next. Sets the matching HTTP status.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(error.status()),
    ) {
        options.set_status(status);
    }
    let heading = match &error {
        AppError::NotFound(_) => "Not found",
        AppError::Forbidden => "Not allowed",
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
