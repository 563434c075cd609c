use super::TextField;
use leptos::prelude::*;

/// The field for a password being chosen, told to password managers as a new one.
#[component]
pub fn NewPasswordField(
    id: &'static str,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <TextField
            id=id
            label="New password (at least 8 characters)"
            name="new_password"
            input_type="password"
            autocomplete="new-password"
            max_length=128
            error=error
        />
    }
}
