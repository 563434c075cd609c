use crate::components::{FormError, TextField, field_message, form_anchor, path_of, url_error};
use crate::second_factor::{SecondStepOffer, SignInWithCode, SignInWithRecoveryCode};
use leptos::prelude::*;

/// The second step's forms: a passkey (with script), the app's code, or else a recovery code.
#[component]
pub fn SecondStepForms(offer: SecondStepOffer) -> impl IntoView {
    let passkey = offer.passkey.then(|| {
        view! {
            <form data-passkey="second-step" hidden>
                <p class="form-error" role="alert" data-passkey-status></p>
                <button type="submit">"Use a passkey"</button>
            </form>
            <p class="muted" data-passkey-needs-script>"Using a passkey needs JavaScript in this browser."</p>
            <super::PasskeyScript />
        }
    });
    let codes = offer.authenticator.then(|| view! { <CodeForms /> });
    view! { {passkey} {codes} }
}

/// The app's code, or else a recovery code. Plain forms.
#[component]
fn CodeForms() -> impl IntoView {
    let code_error = Signal::stored(url_error(path_of::<SignInWithCode>()));
    let recovery_error = Signal::stored(url_error(path_of::<SignInWithRecoveryCode>()));
    let recovery_open = recovery_error.get_untracked().is_some();
    view! {
        <form method="post" action={path_of::<SignInWithCode>()} id=form_anchor("sign_in_with_code")>
            <FormError error=code_error />
            <TextField
                id="sign-in-code"
                label="Code from your authenticator app"
                name="code"
                autocomplete="one-time-code"
                inputmode="numeric"
                max_length=12
                error=field_message(code_error, "code")
            />
            <button type="submit">"Sign in"</button>
        </form>
        <details class="recovery" open=recovery_open>
            <summary>"Lost your phone? Use a recovery code"</summary>
            <form method="post" action={path_of::<SignInWithRecoveryCode>()} id=form_anchor("sign_in_with_recovery_code")>
                <FormError error=recovery_error />
                <TextField
                    id="sign-in-recovery-code"
                    label="Recovery code"
                    name="recovery_code"
                    autocomplete="off"
                    max_length=40
                    error=field_message(recovery_error, "recovery_code")
                />
                <button type="submit" class="secondary">"Sign in with a recovery code"</button>
            </form>
        </details>
    }
}
