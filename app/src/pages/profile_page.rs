use crate::auth::UserSession;
use crate::components::path_of;
use crate::components::{
    ErrorPanel, FormError, NewPasswordField, SignInRequired, TextField, TypedValues, field_message,
    form_anchor, url_error,
};
use crate::error::AppError;
use crate::invitations::ui::short_time;
use crate::profile::{ProfileView, my_profile};
use crate::second_factor::ui::{PasskeysSection, SecondFactorSection};
use leptos::prelude::*;
use leptos_meta::Title;

/// The signed-in user's own page: name, password, and every place they are signed in. Plain
/// forms, the same with and without JavaScript.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| my_profile());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(profile) => view! { <ProfileSections profile /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInRequired /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProfileSections(profile: ProfileView) -> impl IntoView {
    let name_error = Signal::stored(url_error(path_of::<crate::profile::ChangeDisplayName>()));
    let typed = TypedValues::of("change_display_name");
    let password_error = Signal::stored(url_error(path_of::<crate::profile::ChangePassword>()));
    view! {
        <Title text="Your profile".to_owned() />
        <section class="panel" aria-labelledby="profile-heading">
            <h1 id="profile-heading">"Your profile"</h1>
            <p>"Signed in as " <strong>{profile.user.email.clone()}</strong></p>
            <section aria-labelledby="name-heading">
                <h2 id="name-heading">"Your name"</h2>
                <form method="post" action={path_of::<crate::profile::ChangeDisplayName>()} id=form_anchor("change_display_name")>
                    <FormError error=name_error />
                    <TextField
                        id="profile-name"
                        label="Display name"
                        name="display_name"
                        autocomplete="name"
                        value=typed.get("display_name").unwrap_or(profile.user.display_name.clone())
                        max_length=100
                        error=field_message(name_error, "display_name")
                    />
                    <button type="submit">"Save name"</button>
                </form>
            </section>
            <section aria-labelledby="password-heading">
                <h2 id="password-heading">"Password"</h2>
                <p class="muted">"Changing it signs you out everywhere else."</p>
                <form method="post" action={path_of::<crate::profile::ChangePassword>()} id=form_anchor("change_password")>
                    <FormError error=password_error />
                    <TextField
                        id="current-password"
                        label="Current password"
                        name="current_password"
                        input_type="password"
                        autocomplete="current-password"
                        error=field_message(password_error, "current_password")
                    />
                    <NewPasswordField id="new-password" error=field_message(password_error, "new_password") />
                    <button type="submit">"Change password"</button>
                </form>
            </section>
        </section>
        <Address email=profile.user.email.clone() verified=profile.user.email_verified change=profile.address_change />
        <PasskeysSection
            passkeys=profile.second_factors.passkeys.clone()
            has_authenticator=matches!(profile.second_factors.authenticator, crate::second_factor::AuthenticatorState::On { .. })
        />
        <SecondFactorSection factors=profile.second_factors />
        <Sessions sessions=profile.sessions />
        <DeleteMyUser email=profile.user.email owned=profile.owned_accounts keys=profile.keys_made />
    }
}

/// The address, whether it is verified, and moving to a new one (by a link sent there).
#[component]
fn Address(
    email: String,
    verified: bool,
    change: Option<crate::addresses::PendingAddress>,
) -> impl IntoView {
    let error = Signal::stored(url_error(path_of::<crate::addresses::ChangeAddress>()));
    let typed = TypedValues::of("change_address");
    let badge = if verified {
        view! { <span class="badge verified">"Verified"</span> }.into_any()
    } else {
        view! { <span class="badge unverified">"Not verified"</span> }.into_any()
    };
    view! {
        <section class="panel" aria-labelledby="address-heading">
            <h2 id="address-heading">"Your address"</h2>
            <p>
                <strong>{email}</strong>
                " "
                {badge}
            </p>
            {(!verified).then(|| view! {
                <p class="muted">"Follow the link in the verification mail. The banner at the top of the page sends a new one."</p>
            })}
            {change.map(|change| view! {
                <p class="muted">
                    "A link went to " <strong>{change.email}</strong>
                    " (it works until " {short_time(change.expires_at)} "). Your address changes when it is followed."
                </p>
            })}
            <form method="post" action={path_of::<crate::addresses::ChangeAddress>()} id=form_anchor("change_address")>
                <FormError error=error />
                <TextField
                    id="new-email"
                    label="New address"
                    name="new_email"
                    input_type="email"
                    autocomplete="email"
                    value=typed.get("new_email").unwrap_or_default()
                    max_length=254
                    error=field_message(error, "new_email")
                />
                <TextField
                    id="address-current-password"
                    label="Current password"
                    name="current_password"
                    input_type="password"
                    autocomplete="current-password"
                    error=field_message(error, "current_password")
                />
                <button type="submit">"Send a link to the new address"</button>
            </form>
        </section>
    }
}

/// Deleting one's own user: refused while they own an account, else after typing the address and
/// the password. Names the API keys that stop with them.
#[component]
fn DeleteMyUser(email: String, owned: Vec<String>, keys: Vec<String>) -> impl IntoView {
    let error = Signal::stored(url_error(path_of::<crate::profile::DeleteMyUser>()));
    let keys = crate::members::ui::keys_notice(&keys, "with you")
        .map(|notice| view! { <p>{notice.replacen("Their", "Your", 1)}</p> });
    let body = if owned.is_empty() {
        view! {
            <p>"You leave every account you belong to and are signed out everywhere. The invitations you sent that are still pending are revoked. Changes you made stay in the accounts' audit logs under your name. This cannot be undone."</p>
            {keys}
            <form method="post" action={path_of::<crate::profile::DeleteMyUser>()} id=form_anchor("delete_my_user")>
                <FormError error=error />
                <TextField
                    id="confirm-email"
                    label="Type your address to confirm"
                    name="confirm_email"
                    autocomplete="off"
                    max_length=254
                    error=field_message(error, "confirm_email")
                />
                <TextField
                    id="delete-user-password"
                    label="Your password"
                    name="current_password"
                    input_type="password"
                    autocomplete="current-password"
                    error=field_message(error, "current_password")
                />
                <button type="submit" class="danger">"Delete my user"</button>
            </form>
        }
        .into_any()
    } else {
        view! { <p>{crate::profile::owner_cannot_leave(&owned)}</p> }.into_any()
    };
    view! {
        <section class="panel danger-zone" aria-labelledby="delete-user-heading">
            <h2 id="delete-user-heading">"Delete your user"</h2>
            <p class="muted">{format!("Your user is {email}.")}</p>
            {body}
        </section>
    }
}

/// Every place the user is signed in, each but this one with its own Sign out.
#[component]
fn Sessions(sessions: Vec<UserSession>) -> impl IntoView {
    let error = url_error(path_of::<crate::profile::EndSession>())
        .or_else(|| url_error(path_of::<crate::profile::EndOtherSessions>()));
    let others = sessions.iter().filter(|s| !s.current).count();
    view! {
        <section class="panel" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Where you are signed in"</h2>
            {error.map(|error| view! { <p class="form-error" role="alert">{error.to_string()}</p> })}
            <table class="members sessions">
                <caption class="visually-hidden">"Your sessions, the most recently active first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Browser"</th>
                        <th scope="col">"Address"</th>
                        <th scope="col">"Signed in"</th>
                        <th scope="col">"With"</th>
                        <th scope="col">"Last seen"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {sessions.into_iter().map(|session| view! { <SessionRow session /> }).collect_view()}
                </tbody>
            </table>
            {(others > 0).then(|| view! {
                <form method="post" action={path_of::<crate::profile::EndOtherSessions>()}>
                    <button type="submit" class="secondary">
                        {format!("Sign out everywhere else ({others})")}
                    </button>
                </form>
            })}
        </section>
    }
}

#[component]
fn SessionRow(session: UserSession) -> impl IntoView {
    let browser = crate::auth::browser_name(&session.user_agent);
    let ip = if session.ip.is_empty() {
        "an unknown address".to_owned()
    } else {
        session.ip.clone()
    };
    let label = format!("Sign out {browser} at {ip}");
    let action = if session.current {
        view! { <span class="badge">"This session"</span> }.into_any()
    } else {
        view! {
            <form method="post" action={path_of::<crate::profile::EndSession>()}>
                <input type="hidden" name="session_id" value=session.id.clone() />
                <button type="submit" class="secondary" aria-label=label>"Sign out"</button>
            </form>
        }
        .into_any()
    };
    view! {
        <tr>
            <td class="user-agent" title=session.user_agent.clone()>{browser}</td>
            <td>{ip}</td>
            <td>{short_time(session.started_at)}</td>
            <td>{crate::auth::Factor::describe(&session.factors)}</td>
            <td>{short_time(session.last_seen_at)}</td>
            <td>{action}</td>
        </tr>
    }
}
