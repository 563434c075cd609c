use crate::accounts::AccountSummary;
use leptos::prelude::*;

/// The header menu that moves between the accounts the user belongs to. A native disclosure
/// (`<details>`), so it opens with the keyboard and works without JavaScript.
#[component]
pub fn AccountSwitcher(accounts: Vec<AccountSummary>, current: Option<String>) -> impl IntoView {
    let current_name = current
        .as_ref()
        .and_then(|id| accounts.iter().find(|a| &a.id == id))
        .map(|a| a.name.clone());
    let has_current = current_name.is_some();
    let summary = current_name.unwrap_or_else(|| "Switch account".to_owned());
    let empty = accounts.is_empty();
    view! {
        <details class="switcher">
            <summary>
                {has_current.then(|| view! { <span class="visually-hidden">"Switch account, current: "</span> })}
                {summary}
            </summary>
            <nav aria-label="Your accounts">
                <ul>
                    {accounts
                        .into_iter()
                        .map(|account| {
                            let is_current = current.as_deref() == Some(account.id.as_str());
                            view! {
                                <li>
                                    <a
                                        href=format!("/accounts/{}", account.id)
                                        aria-current=is_current.then_some("page")
                                    >
                                        {account.name}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                    {empty.then(|| view! { <li class="muted">"No accounts yet"</li> })}
                    <li>
                        <a href="/#new-account">"Create an account"</a>
                    </li>
                </ul>
            </nav>
        </details>
    }
}
