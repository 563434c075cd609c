use crate::auth::SignIn;
use crate::components::{FormError, PasswordField, TextField, field_message};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[island]
/// `email` is what was typed before a refusal (without JavaScript); the password never comes back.
pub fn SignInForm(next: Option<String>, email: String) -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let pending = action.pending();
    view! {
        <ActionForm action=action>
            <FormError error=error />
            <TextField
                id="sign-in-email"
                label="Email"
                name="email"
                input_type="email"
                autocomplete="username"
                value=email
                max_length=254
                error=field_message(error, "email")
            />
            <PasswordField
                id="sign-in-password"
                label="Password"
                autocomplete="current-password"
                error=field_message(error, "password")
            />
            <input type="hidden" name="next" value=next.unwrap_or_default() />
            <button type="submit" disabled=pending>
                {move || if pending.get() { "Signing in…" } else { "Sign in" }}
            </button>
        </ActionForm>
    }
}
