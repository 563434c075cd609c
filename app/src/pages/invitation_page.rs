use crate::components::ErrorPanel;
use crate::components::path_of;
use crate::invitations::ui::short_time;
use crate::invitations::{InvitationLink, InvitationSummary, open_invitation};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The page behind the link in an invitation mail. Opening it never uses the invitation up.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let link = Resource::new(move || token.clone(), open_invitation);
    view! {
        <Title text="Invitation" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let token = params.read_untracked().get("token").unwrap_or_default();
                match link.await {
                    Ok(InvitationLink::Pending(summary)) => view! { <PendingInvitation summary token /> }.into_any(),
                    Ok(InvitationLink::Unavailable { reason }) => view! { <UnavailableInvitation reason /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PendingInvitation(summary: InvitationSummary, token: String) -> impl IntoView {
    let here = format!("/invitations/{token}");
    let for_invitee = summary.for_signed_in_invitee();
    let next_step = match summary.signed_in_as.clone() {
        Some(_) if for_invitee => view! {
            <div class="invitation-answer">
                <form method="post" action={path_of::<crate::invitations::AcceptInvitation>()}>
                    <input type="hidden" name="invitation_id" value=summary.invitation_id.clone() />
                    <input type="hidden" name="token" value=token.clone() />
                    <button type="submit">"Accept invitation"</button>
                </form>
                <form method="post" action={path_of::<crate::invitations::DeclineInvitation>()}>
                    <input type="hidden" name="invitation_id" value=summary.invitation_id.clone() />
                    <input type="hidden" name="token" value=token.clone() />
                    <button type="submit" class="secondary">"Decline"</button>
                </form>
            </div>
            <p class="muted">"Until you answer, the invitation also waits for you in the banner at the top of every page."</p>
        }
        .into_any(),
        Some(other) => view! {
            <p class="form-error" role="alert">
                {format!(
                    "You are signed in as {other}, but this invitation is for {}. Sign out, then sign in or sign up as {} to answer it.",
                    summary.email, summary.email
                )}
            </p>
            <form method="post" action={path_of::<crate::auth::SignOut>()}>
                <button type="submit" class="secondary">"Sign out"</button>
            </form>
        }
        .into_any(),
        None => view! {
            <p>{format!("To answer, sign in or create a user with the address {}.", summary.email)}</p>
            <div class="invitation-answer">
                <a class="button" href=format!("/sign-up?next={here}&email={}", encode_query_value(&summary.email))>
                    "Create a user"
                </a>
                <a class="button secondary" href=format!("/sign-in?next={here}")>"Sign in"</a>
            </div>
        }
        .into_any(),
    };
    view! {
        <section class="panel narrow" aria-labelledby="invitation-heading">
            <h1 id="invitation-heading">{format!("Join {}", summary.account_name)}</h1>
            <dl class="facts">
                <dt>"Invited by"</dt>
                <dd>{summary.invited_by.clone()}</dd>
                <dt>"Account"</dt>
                <dd>{summary.account_name.clone()}</dd>
                <dt>"For"</dt>
                <dd>{summary.email.clone()}</dd>
                <dt>"Roles"</dt>
                <dd>{summary.roles.join(", ")}</dd>
                <dt>"Expires"</dt>
                <dd>{short_time(summary.expires_at.clone())}</dd>
            </dl>
            {next_step}
        </section>
    }
}

#[component]
fn UnavailableInvitation(reason: Option<String>) -> impl IntoView {
    view! {
        <section class="panel narrow" aria-labelledby="invitation-heading">
            <h1 id="invitation-heading">"This invitation link does not work"</h1>
            {match reason {
                Some(reason) => view! { <p>{reason}</p> }.into_any(),
                None => view! {
                    <p>"It may have expired, been answered, been replaced by a newer invitation, or been revoked."</p>
                }
                .into_any(),
            }}
            <p>"If a newer mail about this invitation reached you (a reminder, say), use the link in that one. Otherwise ask the person who invited you to send a new invitation. If you already belong to the account, sign in and choose it from your accounts."</p>
            <p><a class="button secondary" href="/">"Go to Roster"</a></p>
        </section>
    }
}

fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'@' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
