use super::PasskeyScript;
use crate::components::{FormError, TextField, field_message, form_anchor, path_of, url_error};
use crate::invitations::ui::short_time;
use crate::second_factor::passkeys::{PasskeyView, RemovePasskey};
use leptos::prelude::*;

/// The profile's passkeys: each one named, when it was added and last used; adding one (with
/// script: the browser's own dialog) and removing one (with the password, a plain form).
#[component]
pub fn PasskeysSection(passkeys: Vec<PasskeyView>, has_authenticator: bool) -> impl IntoView {
    let list = if passkeys.is_empty() {
        view! { <p>"No passkeys yet. A passkey signs you in with your fingerprint, face or device PIN: alone, or after your password."</p> }.into_any()
    } else {
        view! {
            <table class="members passkeys">
                <caption class="visually-hidden">"Your passkeys"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Added"</th>
                        <th scope="col">"Last used"</th>
                    </tr>
                </thead>
                <tbody>
                    {passkeys.iter().map(|passkey| view! {
                        <tr>
                            <td>{passkey.name.clone()}</td>
                            <td>{short_time(passkey.created_at.clone())}</td>
                            <td>{match passkey.last_used_at.clone() {
                                Some(at) => short_time(at).into_any(),
                                None => "Never".into_any(),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let advice = (!has_authenticator).then(|| view! {
        <p class="muted">"Add an authenticator app too: its recovery codes are your way back in if you lose every passkey."</p>
    });
    let remove =
        (!passkeys.is_empty()).then(|| view! { <RemovePasskeyForm passkeys=passkeys.clone() /> });
    view! {
        <section class="panel" aria-labelledby="passkeys-heading">
            <h2 id="passkeys-heading">"Passkeys"</h2>
            {list}
            {advice}
            <form data-passkey="register" hidden>
                <TextField
                    id="passkey-name"
                    label="Name of the new passkey"
                    name="name"
                    autocomplete="off"
                    max_length=60
                    error=Signal::stored(None::<String>)
                />
                <p class="form-error" role="alert" data-passkey-status></p>
                <button type="submit">"Add a passkey"</button>
            </form>
            <p class="muted" data-passkey-needs-script>"Adding a passkey needs JavaScript in this browser."</p>
            {remove}
            <PasskeyScript />
        </section>
    }
}

#[component]
fn RemovePasskeyForm(passkeys: Vec<PasskeyView>) -> impl IntoView {
    let error = Signal::stored(url_error(path_of::<RemovePasskey>()));
    view! {
        <h3>"Remove a passkey"</h3>
        <form method="post" action={path_of::<RemovePasskey>()} id=form_anchor("remove_passkey")>
            <FormError error=error />
            <div class="field">
                <label for="remove-passkey-which">"Passkey"</label>
                <select id="remove-passkey-which" name="passkey_id" required>
                    {passkeys.into_iter().map(|passkey| view! {
                        <option value=passkey.id>{passkey.name}</option>
                    }).collect_view()}
                </select>
            </div>
            <TextField
                id="remove-passkey-password"
                label="Current password"
                name="current_password"
                input_type="password"
                autocomplete="current-password"
                error=field_message(error, "current_password")
            />
            <button type="submit" class="danger">"Remove passkey"</button>
        </form>
    }
}
