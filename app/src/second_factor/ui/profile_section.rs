use crate::components::{FormError, TextField, field_message, form_anchor, path_of, url_error};
use crate::invitations::ui::short_time;
use crate::second_factor::{
    AuthenticatorState, CancelAuthenticator, ConfirmAuthenticator, MakeRecoveryCodes,
    RemoveAuthenticator, SecondFactors, StartAuthenticator,
};
use leptos::prelude::*;

/// The profile's second factor: add an authenticator app (a QR code and the key as text, then
/// a current code), see and renew the recovery codes, remove the app. Plain forms.
#[component]
pub fn SecondFactorSection(factors: SecondFactors) -> impl IntoView {
    let start_error = url_error(path_of::<StartAuthenticator>())
        .or_else(|| url_error(path_of::<CancelAuthenticator>()))
        .map(|error| view! { <p class="form-error" role="alert">{error.to_string()}</p> });
    let body = match factors.authenticator {
        AuthenticatorState::Off => view! {
            <p>"Add an authenticator app (such as 1Password, Google Authenticator or Aegis): signing in then asks for a code from it after your password, so a stolen password alone opens nothing."</p>
            <form method="post" action={path_of::<StartAuthenticator>()}>
                <button type="submit">"Add an authenticator app"</button>
            </form>
        }
        .into_any(),
        AuthenticatorState::Enrolling { secret, qr_svg } => view! { <Enrolling secret qr_svg /> }.into_any(),
        AuthenticatorState::On { since } => view! {
            <p>
                <span class="badge verified">"On"</span>
                " Authenticator app added " {short_time(since)} "."
            </p>
            <RecoveryCodes left=factors.recovery_codes_left new_codes=factors.new_recovery_codes />
            <RemoveAuthenticatorForm />
        }
        .into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="second-factor-heading">
            <h2 id="second-factor-heading">"Second factor"</h2>
            {start_error}
            {body}
        </section>
    }
}

#[component]
fn Enrolling(secret: String, qr_svg: String) -> impl IntoView {
    let error = Signal::stored(url_error(path_of::<ConfirmAuthenticator>()));
    view! {
        <ol class="steps">
            <li>
                <p>"Scan this QR code with your authenticator app:"</p>
                <div class="qr-code" role="img" aria-label="QR code of your authenticator key" inner_html=qr_svg></div>
                <p>"Or type this key into it: " <code class="totp-secret">{secret}</code></p>
            </li>
            <li>
                <form method="post" action={path_of::<ConfirmAuthenticator>()} id=form_anchor("confirm_authenticator")>
                    <FormError error=error />
                    <TextField
                        id="confirm-authenticator-code"
                        label="Code the app shows"
                        name="code"
                        autocomplete="one-time-code"
                        inputmode="numeric"
                        max_length=12
                        error=field_message(error, "code")
                    />
                    <button type="submit">"Turn on"</button>
                </form>
            </li>
        </ol>
        <form method="post" action={path_of::<CancelAuthenticator>()}>
            <button type="submit" class="secondary">"Cancel"</button>
        </form>
    }
}

#[component]
fn RecoveryCodes(left: i64, new_codes: Vec<String>) -> impl IntoView {
    let error = Signal::stored(url_error(path_of::<MakeRecoveryCodes>()));
    let shown = (!new_codes.is_empty()).then(|| view! {
        <div class="recovery-codes" role="region" aria-labelledby="new-codes-heading">
            <h3 id="new-codes-heading">"Your recovery codes"</h3>
            <p>"Keep them somewhere safe, apart from your phone. Each signs you in once instead of a code from the app. They are not shown again."</p>
            <ul>
                {new_codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
            </ul>
        </div>
    });
    let count = match left {
        1 => "1 recovery code left.".to_owned(),
        n => format!("{n} recovery codes left."),
    };
    view! {
        {shown}
        <h3>"Recovery codes"</h3>
        <p class:warning=left <= 2>{count}</p>
        <form method="post" action={path_of::<MakeRecoveryCodes>()} id=form_anchor("make_recovery_codes")>
            <FormError error=error />
            <p class="muted">"New codes replace the earlier ones."</p>
            <TextField
                id="new-codes-code"
                label="Code the app shows"
                name="code"
                autocomplete="one-time-code"
                inputmode="numeric"
                max_length=12
                error=field_message(error, "code")
            />
            <button type="submit" class="secondary">"Make new recovery codes"</button>
        </form>
    }
}

#[component]
fn RemoveAuthenticatorForm() -> impl IntoView {
    let error = Signal::stored(url_error(path_of::<RemoveAuthenticator>()));
    view! {
        <h3>"Remove the authenticator app"</h3>
        <p class="muted">"Your recovery codes go with it, and your password alone signs you in again."</p>
        <form method="post" action={path_of::<RemoveAuthenticator>()} id=form_anchor("remove_authenticator")>
            <FormError error=error />
            <TextField
                id="remove-authenticator-password"
                label="Current password"
                name="current_password"
                input_type="password"
                autocomplete="current-password"
                error=field_message(error, "current_password")
            />
            <TextField
                id="remove-authenticator-code"
                label="Code the app shows"
                name="code"
                autocomplete="one-time-code"
                inputmode="numeric"
                max_length=12
                error=field_message(error, "code")
            />
            <button type="submit" class="danger">"Remove authenticator app"</button>
        </form>
    }
}
