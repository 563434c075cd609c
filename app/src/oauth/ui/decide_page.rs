use super::prompt::{DecisionPrompt, authorization_prompt};
use crate::components::ErrorPanel;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// After signing in for a product: which account to sign in to (when the user has several) and,
/// for a product that is not the operator's own, consent to what it will learn. The form posts
/// back to the authorization endpoint; it works the same with and without script.
#[component]
pub fn DecidePage() -> impl IntoView {
    let query = use_location().search.get_untracked();
    let prompt = Resource::new(move || query.clone(), authorization_prompt);
    view! {
        <Title text="Sign in to a product" />
        <section class="panel narrow" aria-labelledby="decide-heading">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match prompt.await {
                        Ok(Some(prompt)) => view! { <DecideForm prompt /> }.into_any(),
                        Ok(None) => view! {
                            <h1 id="decide-heading">"Sign in to a product"</h1>
                            <p>"This sign-in request is not one Roster can go on with. Start again from the product."</p>
                        }
                        .into_any(),
                        Err(error) => view! {
                            <h1 id="decide-heading">"Sign in to a product"</h1>
                            <ErrorPanel error />
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn describe_scope(scope: &str) -> Option<&'static str> {
    match scope {
        "openid" => Some("who you are in Roster"),
        "profile" => Some("your name"),
        "email" => Some("your email address"),
        "offline_access" => Some("to stay signed in while you use it"),
        _ => None,
    }
}

#[component]
fn DecideForm(prompt: DecisionPrompt) -> impl IntoView {
    let DecisionPrompt {
        client_name,
        accounts,
        chosen,
        scopes,
        needs_consent,
        fields,
    } = prompt;
    let several = accounts.len() > 1;
    let heading = format!("Sign in to {client_name}");
    let allow_label = format!("Continue to {client_name}");
    let hidden = fields
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view();
    let picker = several.then(|| {
        let options = accounts
            .iter()
            .map(|(id, name)| {
                let checked = chosen.as_deref() == Some(id.as_str());
                view! {
                    <label class="choice">
                        <input type="radio" name="chosen_account" value=id.clone() checked=checked required=true />
                        {name.clone()}
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset>
                <legend>"Which account?"</legend>
                {options}
            </fieldset>
        }
    });
    let single = (!several)
        .then(|| chosen.clone())
        .flatten()
        .map(|id| view! { <input type="hidden" name="chosen_account" value=id /> });
    let consent = needs_consent.then(|| {
        let items = scopes
            .iter()
            .filter_map(|scope| describe_scope(scope))
            .map(|text| view! { <li>{text}</li> })
            .collect_view();
        view! {
            <p>{format!("{client_name} will learn:")}</p>
            <ul>
                {items}
                <li>"your roles and permissions in the account you choose"</li>
            </ul>
        }
    });
    view! {
        <h1 id="decide-heading">{heading}</h1>
        <form method="post" action="/oauth/authorize" class="stack">
            {hidden}
            {picker}
            {single}
            {consent}
            <div class="decide-actions">
                <button type="submit" name="decision" value="allow">{allow_label}</button>
                <button type="submit" name="decision" value="deny" class="secondary">"Cancel"</button>
            </div>
        </form>
    }
}
