//! The pages behind the links of address mails. Following the link is the proof, so the page
//! does what the link is for and says what became of the address; no sign-in is needed.

use crate::addresses::{AddressLinkOutcome, confirm_address, verify_address};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn VerifyAddressPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let outcome = Resource::new(token, verify_address);
    view! { <LinkOutcome title="Verify your address" outcome /> }
}

#[component]
pub fn ConfirmAddressPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let outcome = Resource::new(token, confirm_address);
    view! { <LinkOutcome title="Your new address" outcome /> }
}

#[component]
fn LinkOutcome(
    title: &'static str,
    outcome: Resource<Result<AddressLinkOutcome, AppError>>,
) -> impl IntoView {
    view! {
        <Title text=title />
        <section class="panel narrow" aria-labelledby="address-link-heading">
            <h1 id="address-link-heading">{title}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match outcome.await {
                        Ok(AddressLinkOutcome::Verified { email }) => view! {
                            <p class="notice" role="status">
                                "Your address " <strong>{email}</strong> " is verified."
                            </p>
                            <p><a href="/">"Go to your accounts"</a></p>
                        }
                        .into_any(),
                        Ok(AddressLinkOutcome::Moved { email }) => view! {
                            <p class="notice" role="status">
                                "Your address is now " <strong>{email}</strong> ", verified. Sign in with it from now on."
                            </p>
                            <p><a href="/profile">"Go to your profile"</a></p>
                        }
                        .into_any(),
                        Ok(AddressLinkOutcome::Taken { email }) => view! {
                            <p class="form-error" role="alert">
                                "Another user has the address " {email} " now, so your address stays as it was."
                            </p>
                            <p><a href="/profile">"Go to your profile"</a></p>
                        }
                        .into_any(),
                        Ok(AddressLinkOutcome::Dead) => view! {
                            <p class="form-error" role="alert">
                                "This link no longer works: it was used already, it expired, or a newer one was sent."
                            </p>
                            <p>"Sign in and ask for a new link from the banner or your profile."</p>
                            <p><a href="/profile">"Go to your profile"</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
