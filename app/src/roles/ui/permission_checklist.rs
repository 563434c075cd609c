use crate::permissions::{Permission, PermissionGroup, PermissionSet};
use leptos::prelude::*;

/// The permission catalogue as a form: one checkbox per permission, grouped. A permission the
/// editor does not hold cannot be changed (no privilege escalation); a read implied by a ticked
/// write or delete stays ticked. Checked boxes that cannot be changed still submit their value.
#[component]
pub fn PermissionChecklist(
    /// Names of the permissions ticked at first.
    checked: Vec<String>,
    /// Names of the permissions the editor holds and may therefore change.
    editable: Vec<String>,
) -> impl IntoView {
    let ticked = RwSignal::new(
        PermissionSet::from_names(checked.iter().map(String::as_str)).unwrap_or_default(),
    );
    let may_change = move |p: Permission| editable.iter().any(|name| name == p.name());
    PermissionGroup::ALL
        .into_iter()
        .map(|group| {
            let may_change = may_change.clone();
            view! {
                <fieldset class="permission-group">
                    <legend>{group.title()}</legend>
                    {group
                        .permissions()
                        .map(|permission| {
                            let id = format!("permission-{}", permission.name().replace(':', "-"));
                            let changeable = may_change(permission);
                            let implied = move || {
                                ticked.with(|set| {
                                    set.iter().any(|held| held.implied_read() == Some(permission))
                                })
                            };
                            let is_checked = move || ticked.with(|set| set.contains(permission));
                            let locked = move || !changeable || implied();
                            view! {
                                <div class="permission">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        name="permissions[]"
                                        value=permission.name()
                                        prop:checked=is_checked
                                        checked=is_checked()
                                        disabled=locked
                                        aria-describedby=format!("{id}-description")
                                        on:change=move |event| {
                                            let on = event_target_checked(&event);
                                            ticked.update(|set| {
                                                let mut names: Vec<Permission> = set.iter().filter(|p| *p != permission).collect();
                                                if on {
                                                    names.push(permission);
                                                }
                                                *set = PermissionSet::new(names);
                                            });
                                        }
                                    />
                                    <label for=id.clone()>
                                        <code>{permission.name()}</code>
                                    </label>
                                    <span class="muted" id=format!("{id}-description")>
                                        {permission.description()}
                                        {move || implied().then_some(" (included by a write or delete permission)")}
                                        {(!changeable).then_some(" (you do not hold it, so you cannot change it)")}
                                    </span>
                                    {move || {
                                        (locked() && is_checked())
                                            .then(|| {
                                                view! { <input type="hidden" name="permissions[]" value=permission.name() /> }
                                            })
                                    }}
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
            }
        })
        .collect_view()
}
