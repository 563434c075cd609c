use crate::auth::SignUp;
use crate::components::{FormError, PasswordField, TextField, field_message};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// Without JavaScript this is a plain form post; with it, the form submits in place and errors
/// appear without a reload.
#[island]
pub fn SignUpForm(
    next: Option<String>,
    email: Option<String>,
    display_name: String,
) -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let pending = action.pending();
    view! {
        <ActionForm action=action>
            <FormError error=error />
            <TextField
                id="sign-up-email"
                label="Email"
                name="email"
                input_type="email"
                autocomplete="email"
                value=email.unwrap_or_default()
                max_length=254
                error=field_message(error, "email")
            />
            <TextField
                id="sign-up-name"
                label="Display name"
                name="display_name"
                autocomplete="name"
                value=display_name
                max_length=100
                error=field_message(error, "display_name")
            />
            <PasswordField
                id="sign-up-password"
                label="Password (at least 8 characters)"
                autocomplete="new-password"
                min_length=8
                error=field_message(error, "password")
            />
            <input type="hidden" name="next" value=next.unwrap_or_default() />
            <button type="submit" disabled=pending>
                {move || if pending.get() { "Creating your user…" } else { "Create user" }}
            </button>
        </ActionForm>
    }
}
