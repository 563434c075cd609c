use super::PermissionChecklist;
use crate::components::{FormError, field_message};
use crate::permissions::CatalogueGroup;
use crate::roles::SetRolePermissions;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[island]
pub fn RolePermissionsForm(
    account_id: String,
    role_id: String,
    checked: Vec<String>,
    editable: Vec<String>,
    catalogue: Vec<CatalogueGroup>,
) -> impl IntoView {
    let action = ServerAction::<SetRolePermissions>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let pending = action.pending();
    view! {
        <ActionForm action=action>
            <FormError error=error />
            <input type="hidden" name="account_id" value=account_id />
            <input type="hidden" name="role_id" value=role_id />
            <PermissionChecklist catalogue checked=checked editable=editable />
            {move || field_message(error, "permissions").get().map(|m| view! { <p class="field-error">{m}</p> })}
            <button type="submit" disabled=pending>
                {move || if pending.get() { "Saving…" } else { "Save permissions" }}
            </button>
        </ActionForm>
    }
}
