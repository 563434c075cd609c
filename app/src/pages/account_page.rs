use crate::accounts::{AccountView, account_details};
use crate::components::{AccountNav, AccountSection, ErrorPanel, SignInRequired};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// An account: its name and its members with their roles.
#[component]
pub fn AccountPage() -> impl IntoView {
    let params = use_params_map();
    let account = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        account_details,
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(account) => view! { <AccountOverview account /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInRequired /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountOverview(account: AccountView) -> impl IntoView {
    let count = account.members.len();
    view! {
        <Title text=account.name.clone() />
        <section class="panel" aria-labelledby="account-heading">
            <h1 id="account-heading">{account.name}</h1>
            <AccountNav account_id=account.id.clone() current=AccountSection::Members />
            <table class="members">
                <caption>{format!("Members ({count})")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Roles"</th>
                    </tr>
                </thead>
                <tbody>
                    {account
                        .members
                        .into_iter()
                        .map(|member| {
                            view! {
                                <tr>
                                    <td>{member.display_name}</td>
                                    <td>{member.email}</td>
                                    <td>
                                        {member
                                            .roles
                                            .into_iter()
                                            .map(|role| view! { <span class="badge">{role}</span> })
                                            .collect_view()}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}
