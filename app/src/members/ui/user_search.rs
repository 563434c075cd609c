use crate::components::path_of;
use crate::invitations::RoleChoice;
use crate::invitations::ui::FROM_SEARCH;
use crate::members::{HitKind, SearchHit, SearchResults, search_users};
use leptos::prelude::*;

/// Pick a role, type part of a name or an email: each match says whether the member holds the
/// role, with the action that fits. Without JavaScript it is a plain GET form and the page
/// renders the results; with it, results follow the typing (debounced) and the keyboard works
/// like a combobox: arrows move, Enter acts, Escape closes.
#[island]
pub fn UserSearch(
    account_id: String,
    roles: Vec<RoleChoice>,
    role_id: String,
    query: String,
    initial: Option<SearchResults>,
) -> impl IntoView {
    // What the page holds when the island wakes wins: a role chosen or text typed before the
    // script arrived is kept, and searched for at once.
    let role = RwSignal::new(crate::components::value_of("search-role").unwrap_or(role_id));
    let woke_with = crate::components::value_of("search-query");
    let typed_early = woke_with.as_ref().is_some_and(|typed| *typed != query);
    let text = RwSignal::new(woke_with.unwrap_or(query));
    let results = RwSignal::new(initial);
    let active = RwSignal::new(None::<usize>);
    let open = RwSignal::new(true);
    let generation = StoredValue::new(0u64);
    let account = StoredValue::new(account_id.clone());
    let page = format!("/accounts/{account_id}");

    let run = move || {
        let (role_id, query) = (role.get_untracked(), text.get_untracked());
        let ticket = generation.get_value() + 1;
        generation.set_value(ticket);
        if query.trim().is_empty() {
            results.set(None);
            return;
        }
        set_timeout(
            move || {
                if generation.get_value() != ticket {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let found = search_users(account.get_value(), role_id, query).await.ok();
                    // A slower answer to an older query must not overwrite a newer one.
                    if generation.get_value() == ticket {
                        active.set(None);
                        open.set(true);
                        results.set(found);
                    }
                });
            },
            std::time::Duration::from_millis(200),
        );
    };

    if typed_early {
        run();
    }

    let hits = move || results.get().map(|r| r.hits).unwrap_or_default();
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        let count = hits().len();
        match event.key().as_str() {
            "ArrowDown" if count > 0 => {
                event.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                event.prevent_default();
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Escape" => {
                // Escape closes the list; it must not also clear what was typed.
                event.prevent_default();
                open.set(false);
                active.set(None);
            }
            "Enter" => {
                if let Some(index) = active.get_untracked() {
                    event.prevent_default();
                    submit_action(index);
                }
            }
            _ => {}
        }
    };
    let roles_view = roles
        .into_iter()
        .map(|choice| {
            let selected = choice.id == role.get_untracked();
            view! { <option value=choice.id selected=selected>{choice.name}</option> }
        })
        .collect_view();
    let account_for_rows = account_id.clone();
    view! {
        <form method="get" action=page.clone() class="user-search" role="search" aria-label="Search users">
            <div class="field">
                <label for="search-role">"Role"</label>
                <select id="search-role" name="role" on:change=move |ev| { role.set(event_target_value(&ev)); run(); }>
                    {roles_view}
                </select>
            </div>
            <div class="field grow">
                <label for="search-query">"Name or email"</label>
                <input
                    id="search-query"
                    name="q"
                    type="text"
                    enterkeyhint="search"
                    autocomplete="off"
                    role="combobox"
                    aria-controls="search-results"
                    aria-autocomplete="list"
                    aria-expanded=move || if open.get() && !hits().is_empty() { "true" } else { "false" }
                    aria-activedescendant=move || active.get().map(|i| format!("search-hit-{i}"))
                    prop:value=move || text.get()
                    on:input=move |ev| { text.set(event_target_value(&ev)); run(); }
                    on:keydown=on_key
                />
            </div>
            <button type="submit" class="secondary">"Search"</button>
        </form>
        <p class="visually-hidden" aria-live="polite">
            {move || results.get().map(|r| format!("{} results", r.hits.len())).unwrap_or_default()}
        </p>
        <Show when=move || open.get() && results.get().is_some()>
            {
                let account_id = account_for_rows.clone();
                let page = page.clone();
                move || {
                    let found = results.get().unwrap_or(SearchResults { hits: Vec::new(), may_add: false, may_invite: false });
                    if found.hits.is_empty() {
                        return view! { <p class="empty">"No member or invitation matches."</p> }.into_any();
                    }
                    let (may_add, may_invite) = (found.may_add, found.may_invite);
                    view! {
                        <ul id="search-results" role="listbox" aria-label="Matching users" class="search-results">
                            {found
                                .hits
                                .into_iter()
                                .enumerate()
                                .map(|(index, hit)| view! {
                                    <HitRow index hit active account_id=account_id.clone() role_id=role.get_untracked() page=page.clone() may_add may_invite />
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }
        </Show>
    }
}

/// Submits the form of the result at `index`, as a click on its button would.
fn submit_action(index: usize) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(button) = document()
            .get_element_by_id(&format!("search-hit-{index}-action"))
            .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        {
            button.click();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = index;
}

#[component]
fn HitRow(
    index: usize,
    hit: SearchHit,
    active: RwSignal<Option<usize>>,
    account_id: String,
    role_id: String,
    page: String,
    may_add: bool,
    may_invite: bool,
) -> impl IntoView {
    let id = format!("search-hit-{index}");
    let action_id = format!("{id}-action");
    let who = if hit.name.is_empty() {
        hit.email.clone()
    } else {
        format!("{} ({})", hit.name, hit.email)
    };
    let action = match hit.kind {
        HitKind::Assigned => view! { <span class="badge">"Assigned"</span> }.into_any(),
        HitKind::Invited => view! { <span class="badge">"Invitation pending"</span> }.into_any(),
        HitKind::AddToRole if may_add => view! {
            <form method="post" action={path_of::<crate::members::search_users::AddToRole>()}>
                <input type="hidden" name="account_id" value=account_id />
                <input type="hidden" name="user_id" value=hit.user_id />
                <input type="hidden" name="role_id" value=role_id />
                <input type="hidden" name="return_to" value=page />
                <button type="submit" id=action_id tabindex="-1">"Add to role"</button>
            </form>
        }
        .into_any(),
        HitKind::Invite if may_invite => view! {
            <form method="post" action={path_of::<crate::invitations::InviteUsers>()}>
                <input type="hidden" name="account_id" value=account_id />
                <input type="hidden" name="emails" value=hit.email.clone() />
                <input type="hidden" name="roles[]" value=role_id />
                <input type="hidden" name="return_to" value=format!("{page}?{}={}", FROM_SEARCH.0, FROM_SEARCH.1) />
                <button type="submit" id=action_id tabindex="-1">"Invite"</button>
            </form>
        }
        .into_any(),
        HitKind::AddToRole => view! { <span class="muted">"Not assigned"</span> }.into_any(),
        HitKind::Invite => view! { <span class="muted">"Not a member"</span> }.into_any(),
    };
    view! {
        <li
            id=id
            role="option"
            aria-selected=move || if active.get() == Some(index) { "true" } else { "false" }
            class:active=move || active.get() == Some(index)
        >
            <span class="who">{who}</span>
            {action}
        </li>
    }
}
