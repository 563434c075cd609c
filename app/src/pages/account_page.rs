use crate::accounts::{AccountView, account_details};
use crate::components::{AccountNav, AccountSection, ErrorPanel, SignInRequired};
use crate::error::AppError;
use crate::invitations::ui::{InvitationsSection, InviteForm, InviteResults, RevokeDialog};
use crate::invitations::{InvitationsView, RoleChoice, invite_options, pending_invitations};
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
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(account) => {
                        let invitations = invitations.await.ok();
                        let choices = choices.await.ok();
                        view! { <AccountOverview account invitations choices /> }.into_any()
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
) -> impl IntoView {
    let count = account.members.len();
    let page = format!("/accounts/{}", account.id);
    let invite = (account.caller_may(Permission::WriteInvites))
        .then_some(choices)
        .flatten()
        .map(|choices| {
            let limit = invitations.as_ref().map_or(0, |v| v.limit);
            view! {
                <section class="invite" aria-labelledby="invite-heading">
                    <h2 id="invite-heading">"Invite people"</h2>
                    <InviteResults limit />
                    <InviteForm account_id=account.id.clone() return_to=page.clone() choices />
                </section>
            }
        });
    let revoke = revoke_dialog(&account.id, invitations.as_ref(), &page);
    let pending = invitations.map(|view| {
        view! { <InvitationsSection account_id=account.id.clone() view page=page.clone() /> }
    });
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
            {revoke}
            {invite}
            {pending}
        </section>
    }
}

/// The revoke confirmation, when the page was opened with `?dialog=revoke&invitation=…`.
pub(crate) fn revoke_dialog(
    account_id: &str,
    invitations: Option<&InvitationsView>,
    page: &str,
) -> Option<impl IntoView + use<>> {
    let query = use_query_map().read_untracked().clone();
    if query.get("dialog").as_deref() != Some("revoke") || !invitations?.may_revoke {
        return None;
    }
    let wanted = query.get("invitation")?;
    let invitation = invitations?
        .invitations
        .iter()
        .find(|i| i.id == wanted)?
        .clone();
    Some(
        view! { <RevokeDialog account_id=account_id.to_owned() invitation page=page.to_owned() /> },
    )
}
