use crate::audit::{AuditPage, audit_log};
use crate::components::{AccountNav, AccountSection, ErrorPanel, SignInRequired};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Every change made through Roster in this account: who, what, to whom, when. Filters are a
/// plain GET form; the CSV link downloads exactly what the filters show.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let log = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("id").unwrap_or_default(),
                q.get("actor").unwrap_or_default(),
                q.get("target").unwrap_or_default(),
                q.get("action").unwrap_or_default(),
                q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
            )
        },
        |(id, actor, target, action, page)| audit_log(id, actor, target, action, page),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let account_id = params.read_untracked().get("id").unwrap_or_default();
                match log.await {
                    Ok(log) => view! { <AuditView account_id log /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInRequired /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn AuditView(account_id: String, log: AuditPage) -> impl IntoView {
    let query = use_query_map().read_untracked().clone();
    let actor = query.get("actor").unwrap_or_default();
    let target = query.get("target").unwrap_or_default();
    let action = query.get("action").unwrap_or_default();
    let filters = format!(
        "actor={}&target={}&action={}",
        encode(&actor),
        encode(&target),
        encode(&action)
    );
    let base = format!("/accounts/{account_id}/audit");
    let csv = format!(
        "/api/audit_log_csv?account_id={}&{filters}",
        encode(&account_id)
    );
    let (page, has_older) = (log.page, log.has_older);
    let rows = if log.rows.is_empty() {
        view! { <p class="empty">"No recorded change matches these filters."</p> }.into_any()
    } else {
        view! {
            <table class="members audit">
                <caption>"Changes, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Time"</th>
                        <th scope="col">"Actor"</th>
                        <th scope="col">"Action"</th>
                        <th scope="col">"Target"</th>
                        <th scope="col">"Details"</th>
                    </tr>
                </thead>
                <tbody>
                    {log.rows.into_iter().map(|row| view! {
                        <tr>
                            <td>{crate::invitations::ui::short_time(row.at)}</td>
                            <td>{row.actor}</td>
                            <td><code class="action">{row.action}</code></td>
                            <td>{row.target}</td>
                            // A change with nothing more to say shows nothing, not `{}`.
                            <td class="details">{(row.details != "{}").then(|| view! { <code>{row.details.clone()}</code> })}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let pager = (page > 1 || has_older).then(|| view! {
        <nav class="pager" aria-label="Audit log pages">
            {(page > 1).then(|| view! { <a href=format!("{base}?{filters}&page={}", page - 1)>"Newer"</a> })}
            <span>{format!("Page {page}")}</span>
            {has_older.then(|| view! { <a href=format!("{base}?{filters}&page={}", page + 1)>"Older"</a> })}
        </nav>
    });
    view! {
        <Title text=format!("Audit log · {}", log.account_name) />
        <section class="panel" aria-labelledby="audit-heading">
            <h1 id="audit-heading">{log.account_name.clone()}</h1>
            <AccountNav account_id=account_id.clone() current=AccountSection::AuditLog />
            <form method="get" action=base.clone() class="audit-filters" role="search" aria-label="Filter the audit log">
                <div class="field">
                    <label for="audit-actor">"Actor"</label>
                    <input id="audit-actor" name="actor" type="text" value=actor />
                </div>
                <div class="field">
                    <label for="audit-target">"Target"</label>
                    <input id="audit-target" name="target" type="text" value=target />
                </div>
                <div class="field">
                    <label for="audit-action">"Action"</label>
                    <select id="audit-action" name="action">
                        <option value="">"Any action"</option>
                        {log.actions.into_iter().map(|name| {
                            let selected = name == action;
                            view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="secondary">"Filter"</button>
                <a class="button secondary" href=csv download="audit-log.csv">"Download CSV"</a>
            </form>
            {rows}
            {pager}
        </section>
    }
    .into_any()
}
