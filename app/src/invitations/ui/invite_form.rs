use crate::components::path_of;
use crate::components::{TypedValues, form_anchor, url_error};
use crate::invitations::RoleChoice;
use leptos::prelude::*;

/// Invite one or several addresses. With `fixed_role` (from a role's page) the role is chosen;
/// otherwise a dropdown offers the roles the inviter may give. A plain form: the answer is a new
/// page either way, so it ships no WASM; a refusal comes back in the URL and shows here.
#[component]
pub fn InviteForm(
    account_id: String,
    return_to: String,
    choices: Vec<RoleChoice>,
    #[prop(optional)] fixed_role: Option<RoleChoice>,
) -> impl IntoView {
    let error = url_error(path_of::<crate::invitations::InviteUsers>());
    // A refused post comes back with what was typed.
    let typed = TypedValues::of("invite_users");
    let typed_emails = typed.get("emails").unwrap_or_default();
    let typed_role = typed.get("roles[]");
    let emails_error = error
        .as_ref()
        .and_then(|e| e.message_for("emails").map(str::to_owned));
    let roles_error = error
        .as_ref()
        .and_then(|e| e.message_for("roles").map(str::to_owned));
    let other_error = error
        .filter(|_| emails_error.is_none() && roles_error.is_none())
        .map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> });
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
                            let selected = typed_role.as_deref() == Some(choice.id.as_str());
                            view! { <option value=choice.id disabled=!choice.grantable selected=selected>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
        }
        .into_any(),
    };
    view! {
        <form method="post" action={path_of::<crate::invitations::InviteUsers>()} class="invite-form" id=form_anchor("invite_users")>
            {other_error}
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
                    aria-describedby=if emails_error.is_some() { "invite-emails-hint invite-emails-error" } else { "invite-emails-hint" }
                    aria-invalid=emails_error.is_some().then_some("true")
                >{typed_emails}</textarea>
                {emails_error.map(|m| view! { <p class="field-error" id="invite-emails-error" role="alert">{m}</p> })}
            </div>
            {role_input}
            {roles_error.map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <button type="submit">"Send invitations"</button>
        </form>
    }
    .into_any()
}
