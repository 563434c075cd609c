use crate::components::{
    AccountNav, AccountSection, ErrorPanel, SignInRequired, TypedValues, form_anchor,
};
use crate::error::AppError;
use crate::permissions::Permission;
use crate::roles::ui::CreateRoleForm;
use crate::roles::{RolesView, list_roles};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The Roles list of an account, and the form to create a custom role.
#[component]
pub fn RolesPage() -> impl IntoView {
    let params = use_params_map();
    let view = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        list_roles,
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(view) => view! { <RolesList view /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInRequired /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RolesList(view: RolesView) -> impl IntoView {
    let can_create = view.caller_may(Permission::WriteRoles);
    let account_id = view.account_id.clone();
    let editable = view.caller_permissions.clone();
    let typed = TypedValues::of("create_role");
    view! {
        <Title text=format!("Roles · {}", view.account_name) />
        <section class="panel" aria-labelledby="roles-heading">
            <h1 id="roles-heading">{view.account_name.clone()}</h1>
            <AccountNav account_id=view.account_id.clone() current=AccountSection::Roles />
            <table class="members">
                <caption>"Roles"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Members"</th>
                        <th scope="col">"Permissions"</th>
                    </tr>
                </thead>
                <tbody>
                    {view
                        .roles
                        .into_iter()
                        .map(|role| {
                            let href = format!("/accounts/{}/roles/{}", account_id, role.id);
                            view! {
                                <tr>
                                    <td>
                                        <a href=href>{role.name}</a>
                                        <div class="muted small">{role.description}</div>
                                    </td>
                                    <td>{if role.builtin.is_some() { "Built-in" } else { "Custom" }}</td>
                                    <td>{role.member_count}</td>
                                    <td>{role.permission_count}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
        {can_create
            .then(|| {
                view! {
                    <section class="panel" id="new-role" aria-labelledby="new-role-heading">
                        <h2 id="new-role-heading">"Create a role"</h2>
                        <p class="muted">
                            "Every member also holds Base. Writing or deleting something includes reading it."
                        </p>
                        <div id=form_anchor("create_role")>
                            <CreateRoleForm
                                account_id=view.account_id.clone()
                                editable=editable
                                name=typed.get("name").unwrap_or_default()
                                description=typed.get("description").unwrap_or_default()
                                checked=typed.all("permissions[]")
                                catalogue=crate::permissions::catalogue_groups()
                            />
                        </div>
                    </section>
                }
            })}
    }
}
