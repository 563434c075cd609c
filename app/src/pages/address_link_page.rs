//! The pages behind the links of address mails. Opening one changes nothing (mail scanners and
//! link previews fetch every link): the page says what the link is for and, to the user it was
//! sent for, offers a button that does it.

use super::sign_in_page::urlencode_next;
use crate::addresses::{AddressLinkOutcome, AddressLinkView, LinkViewer, address_link};
use crate::components::path_of;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn VerifyAddressPage() -> impl IntoView {
    view! { <AddressLinkPage purpose=LinkPurpose::Verify /> }
}

#[component]
pub fn ConfirmAddressPage() -> impl IntoView {
    view! { <AddressLinkPage purpose=LinkPurpose::Confirm /> }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LinkPurpose {
    Verify,
    Confirm,
}

impl LinkPurpose {
    fn key(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Confirm => "confirm",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::Verify => "Verify your address",
            Self::Confirm => "Your new address",
        }
    }

    fn page_prefix(self) -> &'static str {
        match self {
            Self::Verify => "/verify-address/",
            Self::Confirm => "/confirm-address/",
        }
    }

    fn action(self) -> &'static str {
        match self {
            Self::Verify => path_of::<crate::addresses::VerifyAddress>(),
            Self::Confirm => path_of::<crate::addresses::ConfirmAddress>(),
        }
    }
}

#[component]
fn AddressLinkPage(purpose: LinkPurpose) -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, move |token| {
        address_link(purpose.key().to_owned(), token)
    });
    let told = use_query_map().read_untracked().get("outcome");
    let title = purpose.title();
    view! {
        <Title text=title />
        <section class="panel narrow" aria-labelledby="address-link-heading">
            <h1 id="address-link-heading">{title}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let told = told.clone();
                    Suspend::new(async move {
                        let token = token();
                        match (told.as_deref(), link.await) {
                            (Some("taken"), _) => view! {
                                <p class="form-error" role="alert">
                                    "Another user has that address now, so your address stays as it was."
                                </p>
                                <p><a href="/profile">"Go to your profile"</a></p>
                            }
                            .into_any(),
                            (Some("not-yours"), _) => not_yours().into_any(),
                            (_, Ok(view)) => link_view(purpose, token, view).into_any(),
                            (_, Err(error)) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

fn not_yours() -> impl IntoView {
    view! {
        <p class="form-error" role="alert">
            "This link was sent for another user, so nothing changed. Sign out, then sign in as the user who asked for it and open the link again."
        </p>
        <p><a href="/profile">"Go to your profile"</a></p>
    }
}

fn link_view(purpose: LinkPurpose, token: String, view: AddressLinkView) -> AnyView {
    match view {
        AddressLinkView::Ready { email, viewer } => match viewer {
            LinkViewer::Holder => {
                let (explain, label) = match purpose {
                    LinkPurpose::Verify => ("Confirm that this address is yours: ", "Verify my address"),
                    LinkPurpose::Confirm => ("Use this address from now on: ", "Use this address"),
                };
                view! {
                    <p>{explain} <strong>{email}</strong></p>
                    <form method="post" action=purpose.action()>
                        <input type="hidden" name="token" value=token />
                        <button type="submit">{label}</button>
                    </form>
                }
                .into_any()
            }
            LinkViewer::SignedOut => {
                let next = format!("{}{token}", purpose.page_prefix());
                let href = format!("/sign-in?next={}", urlencode_next(&next));
                view! {
                    <p>"This link is for " <strong>{email}</strong> ". Sign in as the user who asked for it to go on; nothing changes until you do."</p>
                    <p><a class="button" href=href>"Sign in to continue"</a></p>
                }
                .into_any()
            }
            LinkViewer::SomeoneElse => not_yours().into_any(),
        },
        AddressLinkView::Done(AddressLinkOutcome::Moved { email }) => view! {
            <p class="notice" role="status">
                "Your address is now " <strong>{email}</strong> ", verified. Sign in with it from now on."
            </p>
            <p><a href="/profile">"Go to your profile"</a></p>
        }
        .into_any(),
        AddressLinkView::Done(AddressLinkOutcome::Verified { email }) => view! {
            <p class="notice" role="status">
                "Your address " <strong>{email}</strong> " is verified."
            </p>
            <p><a href="/">"Go to your accounts"</a></p>
        }
        .into_any(),
        AddressLinkView::Done(_) | AddressLinkView::Dead => view! {
            <p class="form-error" role="alert">
                "This link no longer works: it was used already, it expired, or a newer one was sent."
            </p>
            <p>"Sign in and ask for a new link from the banner or your profile."</p>
            <p><a href="/profile">"Go to your profile"</a></p>
        }
        .into_any(),
    }
}
