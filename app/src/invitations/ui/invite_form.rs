use crate::components::{FormError, field_message};
use crate::invitations::{InviteUsers, RoleChoice};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// Invite one or several addresses. With `fixed_role` (from a role's page) the role is chosen;
/// otherwise a dropdown offers the roles the inviter may give.
#[island]
pub fn InviteForm(
    account_id: String,
    return_to: String,
    choices: Vec<RoleChoice>,
    #[prop(optional)] fixed_role: Option<RoleChoice>,
) -> impl IntoView {
    let action = ServerAction::<InviteUsers>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let pending = action.pending();
    let emails_error = field_message(error, "emails");
    let roles_error = field_message(error, "roles");
    let role_input = match fixed_role {
        Some(role) => view! {
            <input type="hidden" name="roles[]" value=role.id />
            <p class="muted">{format!("They join with the role \u{201c}{}\u{201d} (and Base).", role.name)}</p>
        }
        .into_any(),
        None => view! {
            <div class="field">
                <label for="invite-role">"Role"</label>
                <select id="invite-role" name="roles[]">
                    <option value="">"Base only"</option>
                    {choices
                        .into_iter()
                        .map(|choice| {
                            let label = if choice.grantable {
                                choice.name
                            } else {
                                format!("{} (has permissions you do not hold)", choice.name)
                            };
                            view! { <option value=choice.id disabled=!choice.grantable>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
        }
        .into_any(),
    };
    view! {
        <ActionForm action=action attr:class="invite-form">
            <FormError error=error />
            <input type="hidden" name="account_id" value=account_id />
            <input type="hidden" name="return_to" value=return_to />
            <div class="field">
                <label for="invite-emails">"Email addresses"</label>
                <p class="hint" id="invite-emails-hint">"One or several, separated by commas, spaces or new lines."</p>
                <textarea
                    id="invite-emails"
                    name="emails"
                    rows="3"
                    required
                    aria-describedby="invite-emails-hint"
                    aria-invalid=move || emails_error.get().map(|_| "true")
                ></textarea>
                {move || emails_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            {role_input}
            {move || roles_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            <button type="submit" disabled=pending>
                {move || if pending.get() { "Sending…" } else { "Send invitations" }}
            </button>
        </ActionForm>
    }
}
