use crate::auth::SignInForm;
use crate::components::{TypedValues, form_anchor};
use crate::second_factor::ui::PasskeyScript;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let next = use_query_map().get_untracked().get("next");
    let sign_up_href = match &next {
        Some(next) => format!("/sign-up?next={}", urlencode_next(next)),
        None => "/sign-up".to_owned(),
    };
    view! {
        <Title text="Sign in" />
        <section class="panel narrow" aria-labelledby="sign-in-heading">
            <h1 id="sign-in-heading">"Sign in"</h1>
            <div id=form_anchor("sign_in")>
                <SignInForm next=next.clone() email=TypedValues::of("sign_in").get("email").unwrap_or_default() />
            </div>
            <form data-passkey="sign-in" data-next=crate::auth::safe_next_path(next.as_deref()) hidden>
                <p class="form-error" role="alert" data-passkey-status></p>
                <button type="submit" class="secondary">"Sign in with a passkey"</button>
            </form>
            <PasskeyScript />
            <p class="muted"><a href="/forgot-password">"Forgot your password?"</a></p>
            <p class="muted">"New to Roster? " <a href=sign_up_href>"Create a user"</a></p>
        </section>
    }
}

/// `next` is always a local path here; only characters that break a query need escaping.
pub(crate) fn urlencode_next(next: &str) -> String {
    next.replace('%', "%25")
        .replace('&', "%26")
        .replace('#', "%23")
        .replace(' ', "%20")
}
