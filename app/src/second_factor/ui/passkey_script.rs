use leptos::prelude::*;

/// The passkey ceremonies' script, inline with the page's nonce, on the pages that offer a
/// passkey. It shows their forms (hidden without script) and runs them.
#[component]
pub fn PasskeyScript() -> impl IntoView {
    view! {
        <script type="module" nonce=leptos::nonce::use_nonce()>
            {include_str!("passkey_script.js")}
        </script>
    }
}
