use crate::accounts::{AccountView, account_details};
use crate::components::{AccountNav, AccountSection, ErrorPanel, SignInRequired};
use crate::error::AppError;
use crate::invitations::ui::{
    ExpiredInvitations, HandedOverPanel, InvitationsSection, InviteForm, InviteResults,
    PendingActions, ReaddressDialog, ResendExpiredDialog, RevokeDialog, invited_from_search,
};
use crate::invitations::{InvitationsView, RoleChoice, invite_options, pending_invitations};
use crate::members::ui::{MakeOwnerDialog, MembersTable, RemoveDialog, RolesDialog, UserSearch};
use crate::members::{MembersListing, SearchResults, members_page, search_users};
use crate::permissions::Permission;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// An account: its name and its members with their roles.
#[component]
pub fn AccountPage() -> impl IntoView {
    let params = use_params_map();
    let account = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        account_details,
    );
    let account_id = move || params.read().get("id").unwrap_or_default();
    // Each is refused (and its section left out) when the caller lacks its permission.
    let invitations = Resource::new(account_id, |id| pending_invitations(id, String::new()));
    let choices = Resource::new(account_id, invite_options);
    let query = use_query_map();
    let listing = Resource::new(
        move || {
            let query = query.read();
            let page = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
            // The member a dialog is open for: its API keys are named in it.
            let dialog_member = query
                .get("dialog")
                .and_then(|_| query.get("member"))
                .unwrap_or_default();
            (account_id(), page, dialog_member)
        },
        |(id, page, dialog_member)| members_page(id, page, dialog_member),
    );
    // The search as a plain GET form: `?role=…&q=…` renders its results with the page.
    let searched = Resource::new(
        move || {
            let query = query.read();
            (
                account_id(),
                query.get("role").unwrap_or_default(),
                query.get("q").unwrap_or_default(),
            )
        },
        |(id, role, q)| async move {
            if q.trim().is_empty() || role.is_empty() {
                None
            } else {
                search_users(id, role, q).await.ok()
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(account) => {
                        let invitations = invitations.await.ok();
                        let choices = choices.await.ok();
                        let listing = listing.await.ok();
                        let searched = searched.await;
                        view! { <AccountOverview account invitations choices listing searched /> }.into_any()
                    }
                    Err(AppError::Unauthenticated) => view! { <SignInRequired /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountOverview(
    account: AccountView,
    invitations: Option<InvitationsView>,
    choices: Option<Vec<RoleChoice>>,
    listing: Option<MembersListing>,
    searched: Option<SearchResults>,
) -> impl IntoView {
    let limit = invitations.as_ref().map_or(0, |v| v.limit);
    // An invite's outcomes are shown beside the form it was sent from.
    let from_search = invited_from_search() && listing.is_some();
    let search = listing.as_ref().map(|listing| {
        let query = use_query_map().read_untracked().clone();
        let role_id = query
            .get("role")
            .filter(|r| listing.assignable.iter().any(|c| &c.id == r))
            .or_else(|| listing.assignable.first().map(|c| c.id.clone()))
            .unwrap_or_default();
        view! {
            <section class="find-users" aria-labelledby="find-heading">
                <h2 id="find-heading">"Find users"</h2>
                <UserSearch
                    account_id=account.id.clone()
                    roles=listing.assignable.clone()
                    role_id
                    query=query.get("q").unwrap_or_default()
                    initial=searched
                />
                {from_search.then(|| view! { <InviteResults limit /> })}
            </section>
        }
    });
    let member_dialog = listing.as_ref().and_then(|l| member_dialog(&account.id, l));
    let is_owner = listing.as_ref().is_some_and(|l| l.i_am_owner);
    let leave = leave_section(&account.removers, is_owner);
    let page = format!("/accounts/{}", account.id);
    let invite = (account.caller_may(Permission::WriteInvites))
        .then_some(choices)
        .flatten()
        .map(|choices| {
            view! {
                <section class="invite" aria-labelledby="invite-heading">
                    <h2 id="invite-heading">"Invite people"</h2>
                    {(!from_search).then(|| view! { <InviteResults limit /> })}
                    <InviteForm account_id=account.id.clone() return_to=page.clone() choices />
                </section>
            }
        });
    let invitation_dialog = invitation_dialog(&account.id, invitations.as_ref(), &page);
    let handed_over = invitations
        .as_ref()
        .and_then(|view| view.handed_over.clone())
        .map(|link| view! { <HandedOverPanel link /> });
    let expired = invitations.as_ref().map(|view| {
        view! {
            <ExpiredInvitations
                account_id=account.id.clone()
                expired=view.expired.clone()
                actions=PendingActions::of(view)
                page=page.clone()
                listed_days=view.expired_listed_days
            />
        }
    });
    let pending_actions = invitations
        .as_ref()
        .map(PendingActions::of)
        .unwrap_or_default();
    // With the members table, each invitation is one of its rows; without it, listed here.
    let count_only = listing.is_some();
    let pending = invitations.map(|view| {
        view! { <InvitationsSection account_id=account.id.clone() view page=page.clone() count_only /> }
    });
    view! {
        <Title text=account.name.clone() />
        <section class="panel" aria-labelledby="account-heading">
            <h1 id="account-heading">{account.name}</h1>
            <AccountNav account_id=account.id.clone() current=AccountSection::Members />
            // A dialog comes first, where the reloaded page opens and the keyboard starts.
            {member_dialog}
            {invitation_dialog}
            {handed_over}
            {search}
            {match listing {
                Some(listing) => view! { <MembersTable account_id=account.id.clone() listing pending_actions /> }.into_any(),
                None => simple_members(account.members).into_any(),
            }}
            {expired}
            {invite}
            {pending}
            {leave}
        </section>
    }
}

/// Without `read:users` a member sees only their own membership.
fn simple_members(members: Vec<crate::accounts::MemberRow>) -> impl IntoView {
    view! {
        <table class="members">
            <caption>"Your membership"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email"</th>
                    <th scope="col">"Roles"</th>
                </tr>
            </thead>
            <tbody>
                {members
                    .into_iter()
                    .map(|member| {
                        view! {
                            <tr>
                                <td>{member.display_name}</td>
                                <td>{member.email}</td>
                                <td>{member.roles.into_iter().map(|role| view! { <span class="badge">{role}</span> }).collect_view()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The dialog named by `?dialog=roles|owner|remove&member=…`, when the caller may use it.
fn member_dialog(account_id: &str, listing: &MembersListing) -> Option<AnyView> {
    let query = use_query_map().read_untracked().clone();
    let dialog = query.get("dialog")?;
    let wanted = query.get("member")?;
    let member = listing
        .rows
        .iter()
        .find(|r| !r.pending && r.id == wanted)?
        .clone();
    let cancel = format!("/accounts/{account_id}?page={}", listing.page);
    let account_id = account_id.to_owned();
    match dialog.as_str() {
        "roles" if listing.caller_may(Permission::WriteUsers) && !member.is_owner => Some({
            let keys = listing.keys_made_by(&member.id);
            view! { <RolesDialog account_id member roles=listing.assignable.clone() keys cancel /> }
                .into_any()
        }),
        "owner" if listing.i_am_owner && member.id != listing.me => Some(
            view! { <MakeOwnerDialog account_id member me=listing.me_name.clone() step_up=listing.me_has_authenticator cancel /> }
                .into_any(),
        ),
        "remove"
            if listing.caller_may(Permission::DeleteUsers)
                && !member.is_owner
                && member.id != listing.me =>
        {
            let keys = listing.keys_made_by(&member.id);
            let invitations_sent = listing.invitations_sent.clone();
            Some(
                view! { <RemoveDialog account_id member keys invitations_sent cancel /> }
                    .into_any(),
            )
        }
        _ => None,
    }
}

/// How to leave: not by yourself. Names who can remove you.
fn leave_section(removers: &[String], is_owner: bool) -> impl IntoView + use<> {
    let message = if is_owner {
        "You own this account. To leave it, first make another member the owner; they can then remove you.".to_owned()
    } else {
        crate::members::self_removal_message(removers)
    };
    view! {
        <details class="leave">
            <summary>"Leave this account"</summary>
            <p>{message}</p>
        </details>
    }
}

/// The dialog named by `?dialog=revoke|readdress&invitation=…` or `?dialog=resend-expired`,
/// when the caller may use it.
pub(crate) fn invitation_dialog(
    account_id: &str,
    invitations: Option<&InvitationsView>,
    page: &str,
) -> Option<AnyView> {
    let query = use_query_map().read_untracked().clone();
    let view = invitations?;
    let (account_id, page) = (account_id.to_owned(), page.to_owned());
    let dialog = query.get("dialog")?;
    if dialog == "resend-expired" {
        let count = view.expired.len();
        return (view.may_resend && count > 0)
            .then(|| view! { <ResendExpiredDialog account_id count page /> }.into_any());
    }
    let wanted = query.get("invitation")?;
    let invitation = view
        .invitations
        .iter()
        .chain(&view.expired)
        .find(|i| i.id == wanted)?
        .clone();
    match dialog.as_str() {
        "revoke" if view.may_revoke => {
            Some(view! { <RevokeDialog account_id invitation page /> }.into_any())
        }
        "readdress" if view.may_resend && !invitation.expired => {
            Some(view! { <ReaddressDialog account_id invitation page /> }.into_any())
        }
        _ => None,
    }
}
