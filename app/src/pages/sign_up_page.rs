use super::sign_in_page::urlencode_next;
use crate::auth::SignUpForm;
use crate::components::{TypedValues, form_anchor};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let next = query.get("next");
    let typed = TypedValues::of("sign_up");
    let email = typed.get("email").or_else(|| query.get("email"));
    let display_name = typed.get("display_name").unwrap_or_default();
    let sign_in_href = match &next {
        Some(next) => format!("/sign-in?next={}", urlencode_next(next)),
        None => "/sign-in".to_owned(),
    };
    view! {
        <Title text="Create a user" />
        <section class="panel narrow" aria-labelledby="sign-up-heading">
            <h1 id="sign-up-heading">"Create your user"</h1>
            <div id=form_anchor("sign_up")>
                <SignUpForm next=next email=email display_name />
            </div>
            <p class="muted">"Already have a user? " <a href=sign_in_href>"Sign in"</a></p>
        </section>
    }
}
