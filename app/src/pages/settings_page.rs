use crate::accounts::{AccountSettingsView, account_settings};
use crate::components::path_of;
use crate::components::{
    AccountNav, AccountSection, ErrorPanel, FormError, ModalDialog, SignInRequired, TextField,
    TypedValues, field_message, form_anchor, url_error,
};
use crate::error::AppError;
use crate::second_factor::ui::SecondFactorPolicySection;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// An account's settings: its name, and deleting it. Plain forms, so they work the same with
/// and without JavaScript (the confirmation becomes modal with it).
#[component]
pub fn SettingsPage() -> impl IntoView {
    let params = use_params_map();
    let settings = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        account_settings,
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(settings) => view! { <SettingsView settings /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInRequired /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SettingsView(settings: AccountSettingsView) -> impl IntoView {
    let base = format!("/accounts/{}/settings", settings.id);
    let deleting = use_query_map().read_untracked().get("dialog").as_deref() == Some("delete");
    let dialog = (deleting && settings.may_delete).then(|| {
        view! { <DeleteAccountDialog settings=settings.clone() cancel=base.clone() /> }
    });
    let rename = if settings.may_rename {
        view! { <RenameAccountForm account_id=settings.id.clone() name=settings.name.clone() /> }
            .into_any()
    } else {
        view! {
            <p class="muted">
                "Only members whose roles include write:account (the owner, by default) can rename it."
            </p>
        }
        .into_any()
    };
    let delete = settings.may_delete.then(|| {
        view! {
            <section class="danger-zone" aria-labelledby="delete-account-heading">
                <h2 id="delete-account-heading">"Delete this account"</h2>
                <p>
                    "Its members lose access, and its roles, invitations and audit log are removed. This cannot be undone."
                </p>
                <a class="button danger" id="open-delete-account" href=format!("{base}?dialog=delete#dialog")>
                    "Delete account…"
                </a>
            </section>
        }
    });
    view! {
        <Title text=format!("Settings · {}", settings.name) />
        <section class="panel" aria-labelledby="settings-heading">
            <h1 id="settings-heading">{settings.name.clone()}</h1>
            <AccountNav account_id=settings.id.clone() current=AccountSection::Settings />
            {dialog}
            <section aria-labelledby="account-name-heading">
                <h2 id="account-name-heading">"Account name"</h2>
                {rename}
            </section>
            <SecondFactorPolicySection account_id=settings.id.clone() policy=settings.second_factor.clone() />
            {delete}
        </section>
    }
}

/// The rename form; a refusal (without JavaScript) comes back with what was typed.
#[component]
fn RenameAccountForm(account_id: String, name: String) -> impl IntoView {
    let error = Signal::stored(url_error(path_of::<crate::accounts::RenameAccount>()));
    let typed = TypedValues::of("rename_account");
    view! {
        <form method="post" action={path_of::<crate::accounts::RenameAccount>()} id=form_anchor("rename_account")>
            <FormError error=error />
            <input type="hidden" name="account_id" value=account_id />
            <TextField
                id="account-name"
                label="Name"
                name="name"
                autocomplete="organization"
                value=typed.get("name").unwrap_or(name)
                max_length=100
                error=field_message(error, "name")
            />
            <button type="submit">"Save name"</button>
        </form>
    }
}

/// Asks for the account's name typed before deleting it, and says what goes with it.
#[component]
fn DeleteAccountDialog(settings: AccountSettingsView, cancel: String) -> impl IntoView {
    let error = Signal::stored(url_error(path_of::<crate::accounts::DeleteAccount>()));
    let typed = TypedValues::of("delete_account");
    let impact = format!(
        "{} {} will lose access, and {} pending {} will stop working. Its roles and audit log are deleted with it. Each member gets a mail. This cannot be undone.",
        settings.members,
        if settings.members == 1 {
            "member"
        } else {
            "members"
        },
        settings.invitations,
        if settings.invitations == 1 {
            "invitation"
        } else {
            "invitations"
        },
    );
    view! {
        <ModalDialog
            labelled_by="delete-account-dialog-heading".to_owned()
            described_by="delete-account-impact".to_owned()
            danger=true
            close_href=cancel.clone()
            opener="open-delete-account".to_owned()
        >
            <h2 id="delete-account-dialog-heading">{format!("Delete \u{201c}{}\u{201d}?", settings.name)}</h2>
            <p id="delete-account-impact">{impact}</p>
            <form method="post" action={path_of::<crate::accounts::DeleteAccount>()} id=form_anchor("delete_account")>
                <FormError error=error />
                <input type="hidden" name="account_id" value=settings.id.clone() />
                <TextField
                    id="confirm-account-name"
                    label="Type the account's name to confirm"
                    name="confirm_name"
                    autocomplete="off"
                    value=typed.get("confirm_name").unwrap_or_default()
                    max_length=100
                    error=field_message(error, "confirm_name")
                />
                <crate::second_factor::ui::StepUpField id="delete-account-step-up" shown=settings.second_factor.you_have_authenticator />
                <div class="dialog-actions">
                    <button type="submit" class="danger">"Delete account"</button>
                    <a class="button secondary" href=cancel data-close-dialog>"Cancel"</a>
                </div>
            </form>
        </ModalDialog>
    }
}
