//! An account's API keys: the list, a form for a new one (its secret shown once, on the page
//! that follows), and revoking one behind a confirmation. Plain forms throughout.

use crate::api_keys::{ApiKeyRow, ApiKeysView, GrantablePermission, LIFETIME_CHOICES, api_keys};
use crate::components::path_of;
use crate::components::{
    AccountNav, AccountSection, ConfirmDialog, ErrorPanel, FormError, SignInRequired, TextField,
    TypedValues, field_message, form_anchor, url_error,
};
use crate::domain::Confirmation;
use crate::error::AppError;
use crate::invitations::ui::short_time;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let params = use_params_map();
    let account_id = move || params.read().get("id").unwrap_or_default();
    let view = Resource::new(account_id, api_keys);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(keys) => view! { <ApiKeysView account_id=account_id() keys /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInRequired /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ApiKeysView(account_id: String, keys: ApiKeysView) -> impl IntoView {
    let base = format!("/accounts/{account_id}/api-keys");
    let query = use_query_map().read_untracked().clone();
    let revoking = (query.get("dialog").as_deref() == Some("revoke") && keys.may_write)
        .then(|| query.get("key"))
        .flatten()
        .and_then(|id| keys.keys.iter().find(|k| k.id == id && k.revoked_at.is_none()).cloned())
        .map(|key| {
            view! {
                <ConfirmDialog
                    id="revoke-key"
                    heading=format!("Revoke the key \u{201c}{}\u{201d}?", key.name)
                    impact="Programs using it are refused from their next request. This cannot be undone: a new key has a new secret.".to_owned()
                    action={path_of::<crate::api_keys::RevokeApiKey>()}
                    fields=vec![
                        ("account_id", account_id.clone()),
                        ("key_id", key.id.clone()),
                        ("confirm", Confirmation::RevokeApiKey.word().to_owned()),
                    ]
                    confirm_label="Revoke key"
                    cancel=base.clone()
                    opener=format!("revoke-{}", key.id)
                />
            }
        });
    let new_secret = keys.new_secret.map(|new| {
        view! {
            <section class="notice new-key" id="new-key" tabindex="-1" aria-labelledby="new-key-heading">
                <h2 id="new-key-heading">{format!("The key \u{201c}{}\u{201d} is ready", new.name)}</h2>
                <p>"Copy its secret now: Roster keeps only a hash of it and will not show it again."</p>
                <p><code class="secret" aria-label="The new key's secret">{new.secret}</code></p>
            </section>
        }
    });
    let create = keys.may_write.then(|| {
        view! { <NewKeyForm account_id=account_id.clone() grantable=keys.grantable.clone() step_up=keys.viewer_has_authenticator /> }
    });
    let empty = keys.keys.is_empty();
    view! {
        <Title text="API keys".to_owned() />
        <section class="panel" aria-labelledby="api-keys-heading">
            <h1 id="api-keys-heading">"API keys"</h1>
            <AccountNav account_id=account_id.clone() current=AccountSection::ApiKeys />
            {revoking}
            {new_secret}
            <p class="muted">
                "A key lets a program use this account through the API at /api/v1 with the permissions it was given, never more than its creator held. Send it as "
                <code>"Authorization: Bearer roster_…"</code> "."
            </p>
            {if empty {
                view! { <p>"No keys yet."</p> }.into_any()
            } else {
                view! { <KeyTable account_id=account_id.clone() keys=keys.keys may_write=keys.may_write /> }.into_any()
            }}
        </section>
        {create}
    }
}

#[component]
fn KeyTable(account_id: String, keys: Vec<ApiKeyRow>, may_write: bool) -> impl IntoView {
    view! {
            <table class="members api-keys">
                <caption class="visually-hidden">"The account's API keys, the newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Key"</th>
                        <th scope="col">"Permissions"</th>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Last used"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {keys
                        .into_iter()
                        .map(|key| view! { <KeyRow account_id=account_id.clone() key may_write /> })
                        .collect_view()}
                </tbody>
            </table>
    }
}

#[component]
fn KeyRow(account_id: String, key: ApiKeyRow, may_write: bool) -> impl IntoView {
    let suspended = key.suspended.clone();
    let status = match (&key.revoked_at, &key.expires_at) {
        (Some(revoked), _) => view! { "Revoked " {short_time(revoked.clone())} }.into_any(),
        (None, _) if suspended.is_some() => view! {
            <span class="badge warning">"Suspended"</span>
            <br />
            <span class="muted">{suspended.clone()}</span>
        }
        .into_any(),
        (None, Some(expires)) => view! { "Works until " {short_time(expires.clone())} }.into_any(),
        (None, None) => view! { "Works until revoked" }.into_any(),
    };
    let revoke = (may_write && key.revoked_at.is_none()).then(|| {
        view! {
            <a
                class="danger"
                id=format!("revoke-{}", key.id)
                href=format!("/accounts/{account_id}/api-keys?dialog=revoke&key={}#dialog", key.id)
                aria-label=format!("Revoke the key {}", key.name)
            >
                "Revoke"
            </a>
        }
    });
    let adopt = (may_write && key.revoked_at.is_none() && key.suspended.is_some()).then(|| {
        view! {
            <form method="post" action={path_of::<crate::api_keys::AdoptApiKey>()} class="inline">
                <input type="hidden" name="account_id" value=account_id.clone() />
                <input type="hidden" name="key_id" value=key.id.clone() />
                <button type="submit" aria-label=format!("Adopt the key {}", key.name)>"Adopt"</button>
            </form>
        }
    });
    view! {
        <tr>
            <td>
                <strong>{key.name.clone()}</strong>
                <br />
                <code class="muted">{key.hint}</code>
            </td>
            <td>{key.permissions.join(", ")}</td>
            <td>{short_time(key.created_at)} <br /> <span class="muted">{format!("by {}", key.created_by)}</span></td>
            <td>{key.last_used_at.map_or_else(|| view! { "Never" }.into_any(), |t| view! { {short_time(t)} }.into_any())}</td>
            <td>{status}</td>
            <td>{adopt} {revoke}</td>
        </tr>
    }
}

/// Name, permissions (only those the viewer holds) and lifetime of a new key.
#[component]
fn NewKeyForm(
    account_id: String,
    grantable: Vec<GrantablePermission>,
    step_up: bool,
) -> impl IntoView {
    let error = Signal::stored(url_error(path_of::<crate::api_keys::CreateApiKey>()));
    let typed = TypedValues::of("create_api_key");
    let chosen: Vec<String> = typed.all("permissions[]");
    view! {
        <section class="panel" aria-labelledby="new-key-form-heading">
            <h2 id="new-key-form-heading">"New key"</h2>
            <form method="post" action={path_of::<crate::api_keys::CreateApiKey>()} id=form_anchor("create_api_key")>
                <FormError error=error />
                <input type="hidden" name="account_id" value=account_id />
                <TextField
                    id="key-name"
                    label="Key name"
                    name="name"
                    autocomplete="off"
                    value=typed.get("name").unwrap_or_default()
                    max_length=100
                    error=field_message(error, "name")
                />
                {field_message(error, "permissions").get_untracked().map(|message| view! {
                    <p class="field-error" id="key-permissions-error">{message}</p>
                })}
                // Grouped as the role editor groups them.
                {permission_groups(grantable)
                    .into_iter()
                    .map(|(group, permissions)| view! {
                        <fieldset class="permission-group">
                            <legend>{group}</legend>
                            {permissions
                                .into_iter()
                                .map(|permission| {
                                    let checked = chosen.contains(&permission.name);
                                    let id = format!("key-permission-{}", permission.name.replace(':', "-"));
                                    view! {
                                        <div class="permission">
                                            <input type="checkbox" id=id.clone() name="permissions[]" value=permission.name.clone() checked=checked />
                                            <label for=id.clone()><code>{permission.name}</code></label>
                                            <span class="muted">{permission.description}</span>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                    })
                    .collect_view()}
                <div class="field">
                    <label for="key-lifetime">"Works for"</label>
                    <select id="key-lifetime" name="lifetime_days">
                        {LIFETIME_CHOICES
                            .into_iter()
                            .map(|(days, label)| {
                                let selected = typed.get("lifetime_days").map_or(days == 90, |d| d == days.to_string());
                                view! { <option value=days.to_string() selected=selected>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <crate::second_factor::ui::StepUpField id="key-step-up" shown=step_up />
                <button type="submit">"Create key"</button>
            </form>
        </section>
    }
}

/// The permissions a key may be given, in the catalogue's groups, each group once, in order.
fn permission_groups(
    grantable: Vec<GrantablePermission>,
) -> Vec<(String, Vec<GrantablePermission>)> {
    let mut groups: Vec<(String, Vec<GrantablePermission>)> = Vec::new();
    for permission in grantable {
        match groups
            .iter_mut()
            .find(|(group, _)| *group == permission.group)
        {
            Some((_, members)) => members.push(permission),
            None => groups.push((permission.group.clone(), vec![permission])),
        }
    }
    groups
}
