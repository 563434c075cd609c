use crate::accounts::CreateAccount;
use crate::components::{FormError, TextField, field_message};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[island]
/// `name` is what was typed before a refusal (without JavaScript).
pub fn CreateAccountForm(name: String) -> impl IntoView {
    let action = ServerAction::<CreateAccount>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let pending = action.pending();
    view! {
        <ActionForm action=action>
            <FormError error=error />
            <TextField
                id="new-account-name"
                label="Account name"
                name="name"
                autocomplete="organization"
                value=name
                max_length=100
                error=field_message(error, "name")
            />
            <button type="submit" disabled=pending>
                {move || if pending.get() { "Creating…" } else { "Create account" }}
            </button>
        </ActionForm>
    }
}
