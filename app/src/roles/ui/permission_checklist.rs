use crate::permissions::CatalogueGroup;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The permission catalogue as a form: one checkbox per permission, grouped. A permission the
/// editor does not hold cannot be changed (no privilege escalation); a read implied by a ticked
/// write or delete stays ticked. Checked boxes that cannot be changed still submit their value.
/// Works on names only: the browser knows the deployment's permissions only from `catalogue`.
#[component]
pub fn PermissionChecklist(
    /// The catalogue, grouped, as the server knows it.
    catalogue: Vec<CatalogueGroup>,
    /// Names of the permissions ticked at first.
    checked: Vec<String>,
    /// Names of the permissions the editor holds and may therefore change.
    editable: Vec<String>,
) -> impl IntoView {
    // Which permission brings which read, for the boxes a tick locks.
    let implications: Vec<(String, String)> = catalogue
        .iter()
        .flat_map(|group| group.entries.iter())
        .filter_map(|entry| entry.implies.clone().map(|read| (entry.name.clone(), read)))
        .collect();
    let with_reads = {
        let implications = implications.clone();
        move |names: BTreeSet<String>| -> BTreeSet<String> {
            let reads: Vec<String> = implications
                .iter()
                .filter(|(name, _)| names.contains(name))
                .map(|(_, read)| read.clone())
                .collect();
            names.into_iter().chain(reads).collect()
        }
    };
    // What the page holds when the island wakes wins over what the server rendered: boxes a
    // person ticked or cleared before the script arrived stay as they left them.
    let checked: BTreeSet<String> = catalogue
        .iter()
        .flat_map(|group| group.entries.iter())
        .filter(|entry| {
            crate::components::is_ticked(&checkbox_id(&entry.name))
                .unwrap_or_else(|| checked.contains(&entry.name))
        })
        .map(|entry| entry.name.clone())
        .collect();
    let ticked = RwSignal::new(with_reads(checked));
    catalogue
        .into_iter()
        .map(|group| {
            let editable = editable.clone();
            let implications = implications.clone();
            let with_reads = with_reads.clone();
            view! {
                <fieldset class="permission-group">
                    <legend>{group.title}</legend>
                    {group
                        .entries
                        .into_iter()
                        .map(|entry| {
                            let name = entry.name.clone();
                            let id = checkbox_id(&name);
                            let changeable = editable.contains(&name);
                            let implied = {
                                let implications = implications.clone();
                                let name = name.clone();
                                move || {
                                    ticked.with(|set| {
                                        implications.iter().any(|(by, read)| *read == name && set.contains(by))
                                    })
                                }
                            };
                            let is_checked = {
                                let name = name.clone();
                                move || ticked.with(|set| set.contains(&name))
                            };
                            let locked = {
                                let implied = implied.clone();
                                move || !changeable || implied()
                            };
                            let toggle = {
                                let name = name.clone();
                                let with_reads = with_reads.clone();
                                move |event| {
                                    let on = event_target_checked(&event);
                                    ticked.update(|set| {
                                        let mut names: BTreeSet<String> =
                                            set.iter().filter(|held| **held != name).cloned().collect();
                                        if on {
                                            names.insert(name.clone());
                                        }
                                        *set = with_reads(names);
                                    });
                                }
                            };
                            let hidden_value = name.clone();
                            let hidden = {
                                let locked = locked.clone();
                                let is_checked = is_checked.clone();
                                move || {
                                    (locked() && is_checked()).then(|| {
                                        view! { <input type="hidden" name="permissions[]" value=hidden_value.clone() /> }
                                    })
                                }
                            };
                            view! {
                                <div class="permission">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        name="permissions[]"
                                        value=name.clone()
                                        prop:checked=is_checked.clone()
                                        checked=is_checked()
                                        disabled=locked
                                        aria-describedby=format!("{id}-description")
                                        on:change=toggle
                                    />
                                    <label for=id.clone()>
                                        <code>{name.clone()}</code>
                                    </label>
                                    <span class="muted" id=format!("{id}-description")>
                                        {entry.description}
                                        {move || implied().then_some(" (included by a write or delete permission)")}
                                        {(!changeable).then_some(" (you do not hold it, so you cannot change it)")}
                                    </span>
                                    {hidden}
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
            }
        })
        .collect_view()
}

/// The id of a permission's checkbox.
fn checkbox_id(name: &str) -> String {
    format!("permission-{}", name.replace(':', "-"))
}
