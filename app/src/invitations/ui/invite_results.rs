use crate::invitations::{INVITE_RESULTS_ID, InviteOutcome};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Marks an invite sent from the search box, whose outcomes are shown beside it.
pub const FROM_SEARCH: (&str, &str) = ("via", "search");

/// Whether this page answers an invite sent from the search box.
pub fn invited_from_search() -> bool {
    use_query_map()
        .read_untracked()
        .get(FROM_SEARCH.0)
        .as_deref()
        == Some(FROM_SEARCH.1)
}

/// One line per address of the last invite request, read from the page's query (`invited`).
#[component]
pub fn InviteResults(limit: u32) -> impl IntoView {
    let encoded = use_query_map().read_untracked().get("invited")?;
    let lines: Vec<(InviteOutcome, String)> = encoded
        .lines()
        .take(crate::invitations::MAX_ENTRIES)
        .filter_map(|line| {
            let (key, email) = line.split_once(':')?;
            Some((
                InviteOutcome::from_key(key)?,
                email.chars().take(254).collect(),
            ))
        })
        .collect();
    if lines.is_empty() {
        return None;
    }
    let invited = lines
        .iter()
        .filter(|(o, _)| *o == InviteOutcome::Invited)
        .count();
    Some(view! {
        <section id=INVITE_RESULTS_ID tabindex="-1" class="invite-results" role="status" aria-labelledby="invite-results-heading">
            <h3 id="invite-results-heading">
                {format!("{invited} of {} invited", lines.len())}
            </h3>
            <ul>
                {lines
                    .into_iter()
                    .map(|(outcome, email)| {
                        view! {
                            <li class=format!("outcome-{}", outcome.key())>
                                <strong>{email}</strong>
                                ": "
                                {outcome.describe(limit)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    })
}
