use crate::components::ErrorPanel;
use crate::second_factor::second_step_waits;
use crate::second_factor::ui::SecondStepForms;
use leptos::prelude::*;
use leptos_meta::Title;

/// The second step of a sign-in: the password was right; a code from the authenticator app
/// (or a recovery code) finishes it. Without a sign-in waiting, it says to start again.
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let waits = Resource::new(|| (), |_| second_step_waits());
    view! {
        <Title text="Sign in: second factor" />
        <section class="panel narrow" aria-labelledby="second-factor-step-heading">
            <h1 id="second-factor-step-heading">"Sign in: second factor"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match waits.await {
                        Ok(Some(offer)) => view! {
                            <p>"Your password was right. Now prove it is you with your second factor."</p>
                            <SecondStepForms offer />
                        }
                        .into_any(),
                        Ok(None) => view! {
                            <p>"No sign-in waits for a second factor here: it took too long, or it is finished."</p>
                            <p><a href="/sign-in">"Sign in with your password"</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
