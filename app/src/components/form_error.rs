use crate::error::AppError;
use leptos::prelude::*;

/// The summary of a failed submission, announced to screen readers.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|error| {
            view! {
                <p class="form-error" role="alert">
                    {error.to_string()}
                </p>
            }
        })
    }
}

/// The message for one field from the error of the last submission, as a signal.
pub fn field_message(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        error
            .get()
            .and_then(|error| error.message_for(field).map(str::to_owned))
    })
}
