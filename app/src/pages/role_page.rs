use crate::components::{
    AccountNav, AccountSection, ErrorPanel, ModalDialog, SignInRequired, TypedValues,
};
use crate::error::AppError;
use crate::invitations::ui::{HandedOverPanel, InvitationsSection, InviteForm, InviteResults};
use crate::invitations::{InvitationsView, RoleChoice, pending_invitations};
use crate::permissions::BuiltinRole;
use crate::permissions::{Permission, PermissionGroup};
use crate::roles::ui::{DeleteRoleForm, DuplicateRoleForm, RenameRoleForm, RolePermissionsForm};
use crate::roles::{RoleDetails, get_role};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Role Details: the role's permissions and the members who hold it, in two tabs.
#[component]
pub fn RolePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let details = Resource::new(
        move || {
            let params = params.read();
            (
                params.get("id").unwrap_or_default(),
                params.get("role_id").unwrap_or_default(),
            )
        },
        |(account_id, role_id)| get_role(account_id, role_id),
    );
    let invitations = Resource::new(
        move || {
            let params = params.read();
            (
                params.get("id").unwrap_or_default(),
                params.get("role_id").unwrap_or_default(),
            )
        },
        |(account_id, role_id)| pending_invitations(account_id, role_id),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let tab = query.read_untracked().get("tab").unwrap_or_default();
                let dialog = query.read_untracked().get("dialog").unwrap_or_default();
                match details.await {
                    Ok(details) => {
                        let invitations = invitations.await.ok();
                        view! { <RoleView details tab dialog invitations /> }.into_any()
                    }
                    Err(AppError::Unauthenticated) => view! { <SignInRequired /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoleView(
    details: RoleDetails,
    tab: String,
    dialog: String,
    invitations: Option<InvitationsView>,
) -> impl IntoView {
    let base = format!("/accounts/{}/roles/{}", details.account_id, details.role.id);
    let is_custom = details.role.builtin.is_none();
    let can_write = is_custom && details.caller_may(Permission::WriteRoles);
    let can_delete = is_custom && details.caller_may(Permission::DeleteRoles);
    let can_duplicate = details.caller_may(Permission::WriteRoles);
    let users_tab = tab == "users";
    let tab_link = |href: String, label: &'static str, selected: bool| {
        view! {
            <a role="tab" href=href aria-selected=if selected { "true" } else { "false" } aria-current=selected.then_some("page")>
                {label}
            </a>
        }
    };
    let dialog_view = match dialog.as_str() {
        "rename" if can_write => {
            Some(view! { <RenameDialog details=details.clone() cancel=base.clone() /> }.into_any())
        }
        "duplicate" if can_duplicate => Some(
            view! { <DuplicateDialog details=details.clone() cancel=base.clone() /> }.into_any(),
        ),
        "delete" if can_delete => {
            Some(view! { <DeleteDialog details=details.clone() cancel=base.clone() /> }.into_any())
        }
        _ => None,
    };
    let users_page = format!("{base}?tab=users");
    let revoke = super::account_page::invitation_dialog(
        &details.account_id,
        invitations.as_ref(),
        &users_page,
    );
    let handed_over = invitations
        .as_ref()
        .and_then(|view| view.handed_over.clone())
        .map(|link| view! { <HandedOverPanel link /> });
    view! {
        <Title text=format!("{} · Roles · {}", details.role.name, details.account_name) />
        <section class="panel" aria-labelledby="role-heading">
            <p class="breadcrumb">
                <a href=format!("/accounts/{}/roles", details.account_id)>{format!("{} · Roles", details.account_name)}</a>
            </p>
            <h1 id="role-heading">
                {details.role.name.clone()}
                <span class="badge">{if is_custom { "Custom" } else { "Built-in" }}</span>
            </h1>
            <AccountNav account_id=details.account_id.clone() current=AccountSection::Roles />
            <p class="muted">{details.role.description.clone()}</p>
            {(!is_custom).then(|| view! { <p class="muted">"Built-in roles cannot be renamed, edited or deleted."</p> })}
            {(!details.undeclared.is_empty()).then(|| view! {
                <p class="notice warning" id="undeclared-permissions">
                    "No longer declared, so granting nothing: "
                    {details.undeclared.iter().map(|name| view! { <code>{name.clone()}</code> " " }).collect_view()}
                    "(the deployment's permissions file no longer has them; saving the permissions drops them)"
                </p>
            })}
            <div class="role-actions">
                {can_write.then(|| view! { <a class="button secondary" id="open-rename" href=format!("{base}?dialog=rename#dialog")>"Rename"</a> })}
                {can_duplicate.then(|| view! { <a class="button secondary" id="open-duplicate" href=format!("{base}?dialog=duplicate#dialog")>"Duplicate"</a> })}
                {can_delete.then(|| view! { <a class="button danger" id="open-delete" href=format!("{base}?dialog=delete#dialog")>"Delete"</a> })}
            </div>
            {dialog_view}
            {revoke}
            {handed_over}
            <div role="tablist" aria-label="Role details" class="tabs">
                {tab_link(base.clone(), "Permissions", !users_tab)}
                {tab_link(format!("{base}?tab=users"), "Users", users_tab)}
            </div>
            <div role="tabpanel" aria-label=if users_tab { "Users" } else { "Permissions" }>
                {if users_tab {
                    view! { <UsersTab details=details.clone() invitations page=users_page /> }.into_any()
                } else if can_write {
                    view! {
                        <RolePermissionsForm
                            account_id=details.account_id.clone()
                            role_id=details.role.id.clone()
                            checked=details.permissions.clone()
                            editable=details.caller_permissions.clone()
                            catalogue=crate::permissions::catalogue_groups()
                        />
                    }
                        .into_any()
                } else {
                    view! { <PermissionList granted=details.permissions.clone() /> }.into_any()
                }}
            </div>
        </section>
    }
}

/// The catalogue, read-only: what this role grants and what it does not.
#[component]
fn PermissionList(granted: Vec<String>) -> impl IntoView {
    PermissionGroup::catalogue()
        .into_iter()
        .map(|group| {
            let granted = granted.clone();
            view! {
                <h3>{group.title()}</h3>
                <ul class="permission-list">
                    {group
                        .permissions()
                        .map(|permission| {
                            let has = granted.iter().any(|name| name == permission.name());
                            view! {
                                <li class=if has { "granted" } else { "not-granted" }>
                                    <span class="mark" aria-hidden="true">{if has { "✓" } else { "–" }}</span>
                                    <code>{permission.name()}</code>
                                    <span class="visually-hidden">{if has { " granted" } else { " not granted" }}</span>
                                    " "
                                    <span class="muted">{permission.description()}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
        .collect_view()
}

#[component]
fn UsersTab(
    details: RoleDetails,
    invitations: Option<InvitationsView>,
    page: String,
) -> impl IntoView {
    let may_give = details
        .permissions
        .iter()
        .all(|name| details.caller_permissions.contains(name));
    let invite = (details.caller_may(Permission::WriteInvites)
        && details.role.builtin != Some(BuiltinRole::Owner))
        .then(|| {
            let limit = invitations.as_ref().map_or(0, |v| v.limit);
            let form = if may_give {
                let role = RoleChoice {
                    id: details.role.id.clone(),
                    name: details.role.name.clone(),
                    grantable: true,
                };
                view! { <InviteForm account_id=details.account_id.clone() return_to=page.clone() choices=Vec::new() fixed_role=role /> }.into_any()
            } else {
                view! { <p class="muted">"This role has permissions you do not hold, so you cannot invite people with it."</p> }.into_any()
            };
            view! {
                <section class="invite" aria-labelledby="invite-heading">
                    <h2 id="invite-heading">"Invite people with this role"</h2>
                    <InviteResults limit />
                    {form}
                </section>
            }
        });
    let pending = invitations.map(|view| {
        view! { <InvitationsSection account_id=details.account_id.clone() view page=page.clone() /> }
    });
    view! {
        <MembersWithRole details />
        {invite}
        {pending}
    }
}

#[component]
fn MembersWithRole(details: RoleDetails) -> impl IntoView {
    if details.members.is_empty() {
        return view! { <p class="empty">"No member holds this role yet."</p> }.into_any();
    }
    view! {
        <table class="members">
            <caption>{format!("Members with this role ({})", details.members.len())}</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email"</th>
                </tr>
            </thead>
            <tbody>
                {details
                    .members
                    .into_iter()
                    .map(|member| view! { <tr><td>{member.display_name}</td><td>{member.email}</td></tr> })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn RenameDialog(details: RoleDetails, cancel: String) -> impl IntoView {
    let typed = TypedValues::of("rename_role");
    view! {
        <ModalDialog labelled_by="rename-heading".to_owned() described_by=String::new() danger=false close_href=cancel.clone() opener="open-rename".to_owned()>
            <h2 id="rename-heading">"Rename role"</h2>
            <RenameRoleForm
                account_id=details.account_id
                role_id=details.role.id
                name=typed.get("name").unwrap_or(details.role.name)
                description=typed.get("description").unwrap_or(details.role.description)
                cancel_href=cancel
            />
        </ModalDialog>
    }
}

#[component]
fn DuplicateDialog(details: RoleDetails, cancel: String) -> impl IntoView {
    let empty = details.permissions.is_empty();
    view! {
        <ModalDialog labelled_by="duplicate-heading".to_owned() described_by=String::new() danger=false close_href=cancel.clone() opener="open-duplicate".to_owned()>
            <h2 id="duplicate-heading">{format!("Duplicate \u{201c}{}\u{201d}?", details.role.name)}</h2>
            <p>"The copy is a custom role with these permissions:"</p>
            {if empty {
                view! { <p class="empty">"No permissions beyond Base."</p> }.into_any()
            } else {
                view! {
                    <ul class="copied-permissions">
                        {details.permissions.iter().map(|name| view! { <li><code>{name.clone()}</code></li> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <DuplicateRoleForm account_id=details.account_id role_id=details.role.id cancel_href=cancel />
        </ModalDialog>
    }
}

#[component]
fn DeleteDialog(details: RoleDetails, cancel: String) -> impl IntoView {
    let members = details.role.member_count;
    let invitations = details.invitation_count;
    view! {
        <ModalDialog
            labelled_by="delete-heading".to_owned()
            described_by="delete-impact".to_owned()
            danger=true
            close_href=cancel.clone()
            opener="open-delete".to_owned()
        >
            <h2 id="delete-heading">{format!("Delete \u{201c}{}\u{201d}?", details.role.name)}</h2>
            <p id="delete-impact">
                {format!(
                    "{members} {} and {invitations} pending {} hold this role. They will lose it. This cannot be undone.",
                    if members == 1 { "member" } else { "members" },
                    if invitations == 1 { "invitation" } else { "invitations" },
                )}
            </p>
            <DeleteRoleForm account_id=details.account_id role_id=details.role.id cancel_href=cancel />
        </ModalDialog>
    }
}
