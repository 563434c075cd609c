use crate::oauth::problem::Problem;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Why a product's sign-in request stopped here: shown by Roster, never sent to an address the
/// product did not register.
#[component]
pub fn OAuthProblemPage() -> impl IntoView {
    let reason = use_query_map()
        .get_untracked()
        .get("reason")
        .and_then(|key| Problem::from_key(&key))
        .unwrap_or(Problem::Malformed);
    view! {
        <Title text="Signing in to a product" />
        <section class="panel narrow" aria-labelledby="oauth-problem-heading">
            <h1 id="oauth-problem-heading">"This sign-in cannot go on"</h1>
            <p role="alert">{reason.message()}</p>
            <p><a href="/">"Go to your accounts"</a></p>
        </section>
    }
}
