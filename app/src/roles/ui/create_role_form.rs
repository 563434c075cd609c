use super::PermissionChecklist;
use crate::components::{FormError, TextField, field_message};
use crate::permissions::CatalogueGroup;
use crate::roles::CreateRole;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[island]
/// `typed` holds the name, description and permissions of a refused post (without JavaScript).
pub fn CreateRoleForm(
    account_id: String,
    editable: Vec<String>,
    name: String,
    description: String,
    checked: Vec<String>,
    catalogue: Vec<CatalogueGroup>,
) -> impl IntoView {
    let action = ServerAction::<CreateRole>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let pending = action.pending();
    view! {
        <ActionForm action=action>
            <FormError error=error />
            <input type="hidden" name="account_id" value=account_id />
            <TextField id="new-role-name" label="Role name" name="name" value=name max_length=60 error=field_message(error, "name") />
            <TextField
                id="new-role-description"
                label="Description (optional)"
                name="description"
                value=description
                required=false
                max_length=300
                error=field_message(error, "description")
            />
            <PermissionChecklist catalogue checked editable=editable />
            {move || field_message(error, "permissions").get().map(|m| view! { <p class="field-error">{m}</p> })}
            <button type="submit" disabled=pending>
                {move || if pending.get() { "Creating…" } else { "Create role" }}
            </button>
        </ActionForm>
    }
}
