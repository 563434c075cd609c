use crate::invitations::ui::short_time;
use crate::members::{MemberListRow, MembersListing};
use crate::permissions::Permission;
use leptos::prelude::*;

/// Members and pending invitations, a page at a time, with the actions the caller may take.
#[component]
pub fn MembersTable(account_id: String, listing: MembersListing) -> impl IntoView {
    let base = format!("/accounts/{account_id}");
    let may_edit = listing.caller_may(Permission::WriteUsers);
    let may_remove = listing.caller_may(Permission::DeleteUsers);
    let (page, pages, total) = (listing.page, listing.pages, listing.total);
    let me = listing.me.clone();
    let i_am_owner = listing.i_am_owner;
    let rows = listing
        .rows
        .into_iter()
        .map(|row| {
            let actions = row_actions(&base, &row, &me, i_am_owner, may_edit, may_remove, page);
            let MemberListRow { pending, name, email, roles, since, .. } = row;
            let name = if pending { "\u{2014}".to_owned() } else { name };
            view! {
                <tr>
                    <td>{name}</td>
                    <td>{email}</td>
                    <td>{roles.into_iter().map(|role| view! { <span class="badge">{role}</span> }).collect_view()}</td>
                    <td>{if pending { "Pending invitation" } else { "Active" }}</td>
                    <td>{if pending { "Invited " } else { "Joined " }} {short_time(since)}</td>
                    <td class="row-actions">{actions}</td>
                </tr>
            }
        })
        .collect_view();
    let pager = (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label="Members pages">
                {(page > 1).then(|| view! { <a href=format!("{base}?page={}", page - 1)>"Previous"</a> })}
                <span>{format!("Page {page} of {pages}")}</span>
                {(page < pages).then(|| view! { <a href=format!("{base}?page={}", page + 1)>"Next"</a> })}
            </nav>
        }
    });
    view! {
        <table class="members">
            <caption>{format!("Members and pending invitations ({total})")}</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email"</th>
                    <th scope="col">"Roles"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Since"</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {pager}
    }
    .into_any()
}

fn row_actions(
    base: &str,
    row: &MemberListRow,
    me: &str,
    i_am_owner: bool,
    may_edit: bool,
    may_remove: bool,
    page: u32,
) -> Option<impl IntoView + use<>> {
    if row.pending {
        return None;
    }
    let link = |dialog: &str| {
        format!(
            "{base}?page={page}&dialog={dialog}&member={}#dialog",
            row.id
        )
    };
    let who = if row.name.is_empty() {
        row.email.clone()
    } else {
        row.name.clone()
    };
    let edit = (may_edit && !row.is_owner).then(|| {
        view! { <a class="button secondary" href=link("roles") aria-label=format!("Edit the roles of {who}")>"Edit roles"</a> }
    });
    let owner = (i_am_owner && row.id != me).then(|| {
        view! { <a class="button secondary" href=link("owner") aria-label=format!("Make {who} the owner")>"Make owner"</a> }
    });
    let remove = (may_remove && !row.is_owner && row.id != me).then(|| {
        view! { <a class="button danger" href=link("remove") aria-label=format!("Remove {who}")>"Remove"</a> }
    });
    Some(view! { {edit} {owner} {remove} })
}
