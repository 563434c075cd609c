use crate::accounts::{AccountSummary, CreateAccountForm, my_accounts};
use crate::components::{ErrorPanel, SignInRequired, TypedValues, form_anchor};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// The portal's start: the accounts the user belongs to, and a form to create one.
#[component]
pub fn HomePage() -> impl IntoView {
    let accounts = Resource::new(|| (), |_| my_accounts());
    view! {
        <Title text="Your accounts" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(accounts) => view! { <AccountList accounts /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInRequired /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountList(accounts: Vec<AccountSummary>) -> impl IntoView {
    let empty = accounts.is_empty();
    view! {
        <section class="panel" aria-labelledby="accounts-heading">
            <h1 id="accounts-heading">"Your accounts"</h1>
            {if empty {
                view! {
                    <p class="empty">
                        "You do not belong to any account yet. Create one below, or ask an admin to invite you."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="account-list">
                        {accounts
                            .into_iter()
                            .map(|account| {
                                view! {
                                    <li>
                                        <a href=format!("/accounts/{}", account.id)>{account.name}</a>
                                        {account.is_owner.then(|| view! { <span class="badge">"Owner"</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <section class="panel" id="new-account" aria-labelledby="new-account-heading">
            <h2 id="new-account-heading">"Create an account"</h2>
            <p class="muted">"You will be its owner. You can invite others once it exists."</p>
            <div id=form_anchor("create_account")>
                <CreateAccountForm name=TypedValues::of("create_account").get("name").unwrap_or_default() />
            </div>
        </section>
    }
}
