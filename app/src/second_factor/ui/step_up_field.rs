use crate::components::TextField;
use leptos::prelude::*;

/// The code of the viewer's authenticator app, asked with a change that cannot be taken back
/// (step-up): needed only when they have not given one in the last minutes, so it may stay
/// empty. Shown only to a viewer who has an app.
#[component]
pub fn StepUpField(id: &'static str, shown: bool) -> impl IntoView {
    shown.then(|| {
        view! {
            <TextField
                id=id
                label="Code from your authenticator app"
                name="second_factor_code"
                autocomplete="one-time-code"
                inputmode="numeric"
                max_length=12
                required=false
                error=Signal::stored(None::<String>)
            />
            <p class="muted">"Asked for changes that cannot be taken back, unless you gave one in the last 10 minutes."</p>
        }
    })
}
