use crate::components::ActionsMenu;
use crate::invitations::MailDelivery;
use crate::invitations::ui::{DeliveryLine, Listed, PendingActions, short_time};
use crate::members::{MemberListRow, MembersListing};
use crate::permissions::Permission;
use leptos::prelude::*;

/// Members and pending invitations, a page at a time, each row with one Actions menu holding
/// what the caller may do: Edit roles, Make owner and Remove for members, Resend and Revoke for
/// invitations (as `pending_actions` allows).
#[component]
pub fn MembersTable(
    account_id: String,
    listing: MembersListing,
    pending_actions: PendingActions,
) -> impl IntoView {
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
            let actions = if row.pending {
                let page_url = format!("{base}?page={page}");
                let listed = Listed {
                    id: &row.id,
                    email: &row.email,
                    failed: row.delivery.as_ref().is_some_and(MailDelivery::failed),
                    expired: false,
                };
                pending_actions.menu(&account_id, listed, &page_url)
            } else {
                member_actions(&base, &row, &me, i_am_owner, may_edit, may_remove, page)
            };
            let MemberListRow { pending, name, email, roles, since, invited_by, expires, delivery, .. } = row;
            // A person is their name over their address; an invitation has only the address.
            let person = if pending {
                view! { <span class="person-name">{email}</span> }.into_any()
            } else {
                view! {
                    <span class="person-name">{name}</span>
                    <span class="person-email">{email}</span>
                }
                .into_any()
            };
            view! {
                <tr>
                    <td class="person">{person}</td>
                    <td>{roles.into_iter().map(|role| view! { <span class="badge">{role}</span> }).collect_view()}</td>
                    <td>
                        <span class="status">{if pending { "Pending invitation" } else { "Active" }}</span>
                        <span class="status-since">
                            {if pending { "sent " } else { "joined " }}
                            {short_time(since)}
                            {invited_by.map(|inviter| format!(" by {inviter}"))}
                        </span>
                        {expires.map(|expires| view! { <span class="status-since">{expires}</span> })}
                        {delivery.map(|delivery| view! { <DeliveryLine delivery /> })}
                    </td>
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
                    <th scope="col">"Person"</th>
                    <th scope="col">"Roles"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {pager}
    }
    .into_any()
}

fn member_actions(
    base: &str,
    row: &MemberListRow,
    me: &str,
    i_am_owner: bool,
    may_edit: bool,
    may_remove: bool,
    page: u32,
) -> Option<AnyView> {
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
        view! { <a href=link("roles") aria-label=format!("Edit the roles of {who}")>"Edit roles"</a> }
    });
    let owner = (i_am_owner && row.id != me).then(|| {
        view! { <a href=link("owner") aria-label=format!("Make {who} the owner")>"Make owner"</a> }
    });
    let remove = (may_remove && !row.is_owner && row.id != me).then(|| {
        view! { <a class="danger" href=link("remove") aria-label=format!("Remove {who}")>"Remove"</a> }
    });
    if edit.is_none() && owner.is_none() && remove.is_none() {
        return None;
    }
    Some(view! { <ActionsMenu subject=who row_id=row.id.clone()>{edit} {owner} {remove}</ActionsMenu> }.into_any())
}
