//! The three dialogs of Role Details. Each is part of the page (opened by a link), so it works
//! without JavaScript; with it, the form inside submits in place and shows errors there.

use crate::components::{FormError, TextField, field_message};
use crate::domain::Confirmation;
use crate::roles::{DeleteRole, DuplicateRole, RenameRole};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[island]
pub fn RenameRoleForm(
    account_id: String,
    role_id: String,
    name: String,
    description: String,
    cancel_href: String,
) -> impl IntoView {
    let action = ServerAction::<RenameRole>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let pending = action.pending();
    view! {
        <ActionForm action=action>
            <FormError error=error />
            <input type="hidden" name="account_id" value=account_id />
            <input type="hidden" name="role_id" value=role_id />
            <TextField id="rename-role-name" label="Role name" name="name" value=name max_length=60 error=field_message(error, "name") />
            <TextField
                id="rename-role-description"
                label="Description (optional)"
                name="description"
                value=description
                required=false
                max_length=300
                error=field_message(error, "description")
            />
            <div class="dialog-actions">
                <button type="submit" disabled=pending>"Save"</button>
                <a class="button secondary" href=cancel_href data-close-dialog>"Cancel"</a>
            </div>
        </ActionForm>
    }
}

#[island]
pub fn DuplicateRoleForm(
    account_id: String,
    role_id: String,
    cancel_href: String,
) -> impl IntoView {
    let action = ServerAction::<DuplicateRole>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let pending = action.pending();
    view! {
        <ActionForm action=action>
            <FormError error=error />
            <input type="hidden" name="account_id" value=account_id />
            <input type="hidden" name="role_id" value=role_id />
            <div class="dialog-actions">
                <button type="submit" disabled=pending>"Duplicate role"</button>
                <a class="button secondary" href=cancel_href data-close-dialog>"Cancel"</a>
            </div>
        </ActionForm>
    }
}

#[island]
pub fn DeleteRoleForm(account_id: String, role_id: String, cancel_href: String) -> impl IntoView {
    let action = ServerAction::<DeleteRole>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let pending = action.pending();
    view! {
        <ActionForm action=action>
            <FormError error=error />
            <input type="hidden" name="account_id" value=account_id />
            <input type="hidden" name="role_id" value=role_id />
            <input type="hidden" name="confirm" value=Confirmation::DeleteRole.word() />
            <div class="dialog-actions">
                <button type="submit" class="danger" disabled=pending>"Delete role"</button>
                <a class="button secondary" href=cancel_href data-close-dialog>"Cancel"</a>
            </div>
        </ActionForm>
    }
}
