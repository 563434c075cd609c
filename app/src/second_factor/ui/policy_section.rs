use crate::components::{path_of, url_error};
use crate::invitations::ui::short_time;
use crate::second_factor::policy::{RequireSecondFactor, SecondFactorPolicy};
use leptos::prelude::*;

/// The account's settings: whether a second factor is required, and first, who has none (they
/// would be asked to add one before anything else; nobody is removed). Plain forms.
#[component]
pub fn SecondFactorPolicySection(account_id: String, policy: SecondFactorPolicy) -> impl IntoView {
    let error = url_error(path_of::<RequireSecondFactor>())
        .map(|error| view! { <p class="form-error" role="alert">{error.to_string()}</p> });
    let state = match &policy.required_since {
        Some(since) => view! {
            <p><span class="badge verified">"Required"</span> " since " {short_time(since.clone())} "."</p>
        }
        .into_any(),
        None => view! { <p>"Not required: members sign in with whatever they have set up."</p> }.into_any(),
    };
    let without = policy.may_change.then(|| {
        let heading = match (policy.members_without_count, policy.required_since.is_some()) {
            (0, _) => "Every member has a second factor.".to_owned(),
            (1, false) => "1 member has no second factor yet, and would be asked to add one:".to_owned(),
            (n, false) => format!("{n} members have no second factor yet, and would be asked to add one:"),
            (1, true) => "1 member has not added one yet, and is asked to before anything else:".to_owned(),
            (n, true) => format!("{n} members have not added one yet, and are asked to before anything else:"),
        };
        let more = (policy.members_without_count > policy.members_without.len() as i64).then(|| {
            view! { <p class="muted">{format!("… and {} more.", policy.members_without_count - policy.members_without.len() as i64)}</p> }
        });
        view! {
            <p id="not-ready">{heading}</p>
            {(!policy.members_without.is_empty()).then(|| view! {
                <ul class="not-ready" aria-labelledby="not-ready">
                    {policy.members_without.iter().map(|member| view! {
                        <li>{member.display_name.clone()} " " <span class="muted">{format!("({})", member.email)}</span></li>
                    }).collect_view()}
                </ul>
            })}
            {more}
        }
    });
    let action = policy.may_change.then(|| {
        let turning_on = policy.required_since.is_none();
        let blocked = if !turning_on {
            None
        } else if !policy.you_have_one {
            Some("Add a second factor to your own user first, on your profile: you would be locked out otherwise.")
        } else if !policy.owner_has_one {
            Some("The account's owner has no second factor yet: they must add one first.")
        } else {
            None
        };
        view! {
            {blocked.map(|why| view! { <p class="muted">{why} " " <a href="/profile#second-factor-heading">"Your profile"</a></p> })}
            <form method="post" action={path_of::<RequireSecondFactor>()}>
                <input type="hidden" name="account_id" value=account_id.clone() />
                <input type="hidden" name="required" value=if turning_on { "true" } else { "false" } />
                <super::StepUpField id="policy-step-up" shown=policy.you_have_authenticator && blocked.is_none() />
                <button type="submit" class:secondary=!turning_on disabled=blocked.is_some()>
                    {if turning_on { "Require a second factor" } else { "Stop requiring a second factor" }}
                </button>
            </form>
        }
    });
    view! {
        <section aria-labelledby="second-factor-policy-heading">
            <h2 id="second-factor-policy-heading">"Second factor"</h2>
            {error}
            {state}
            {without}
            {action}
        </section>
    }
}
