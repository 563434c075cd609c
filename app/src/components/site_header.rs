use super::AccountSwitcher;
use super::path_of;
use crate::accounts::my_accounts;
use crate::auth::whoami;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The header of every page: the brand, the account switcher, who is signed in, sign out.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let user = Resource::new(|| (), |_| whoami());
    let accounts = Resource::new(|| (), |_| my_accounts());
    let path = use_location().pathname.get_untracked();
    let current_account = path
        .strip_prefix("/accounts/")
        .and_then(|rest| rest.split('/').next())
        .filter(|id| !id.is_empty())
        .map(str::to_owned);
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                "Roster"
            </a>
            <Suspense fallback=|| ()>
                {move || {
                    let current_account = current_account.clone();
                    Suspend::new(async move {
                        match user.await {
                            Ok(Some(user)) => {
                                let accounts = accounts.await.unwrap_or_default();
                                view! {
                                    <AccountSwitcher accounts current=current_account />
                                    <a class="who" href="/profile" title=user.email.clone()>
                                        {user.display_name}
                                    </a>
                                    <form method="post" action={path_of::<crate::auth::SignOut>()} class="sign-out">
                                        <button type="submit" class="secondary">
                                            "Sign out"
                                        </button>
                                    </form>
                                }
                                    .into_any()
                            }
                            _ => {
                                view! {
                                    <nav class="guest" aria-label="Account">
                                        <a href="/sign-in">"Sign in"</a>
                                        <a href="/sign-up">"Sign up"</a>
                                    </nav>
                                }
                                    .into_any()
                            }
                        }
                    })
                }}
            </Suspense>
        </header>
    }
}
