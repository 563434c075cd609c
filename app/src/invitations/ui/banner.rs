use super::pending_list::short_time;
use crate::components::path_of;
use crate::invitations::{BannerInvitation, my_invitations};
use leptos::prelude::*;

/// At the top of every page: each pending invitation addressed to the signed-in user, with
/// Accept and Decline, once their address is verified or this browser followed its link; the
/// others only as waiting.
#[component]
pub fn InvitationBanner() -> impl IntoView {
    // The page behind an invitation link offers the answers itself.
    if leptos_router::hooks::use_location()
        .pathname
        .get_untracked()
        .starts_with("/invitations/")
    {
        return None;
    }
    let invitations = Resource::new(|| (), |_| my_invitations());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let invitations = invitations.await.unwrap_or_default();
                let undisclosed = invitations.iter().filter(|i| !i.may_answer).count();
                let disclosed: Vec<BannerInvitation> =
                    invitations.into_iter().filter(|i| i.may_answer).collect();
                (!disclosed.is_empty() || undisclosed > 0).then(|| view! {
                    <section class="invitation-banner" aria-label="Invitations">
                        {disclosed.into_iter().map(|invitation| view! { <BannerRow invitation /> }).collect_view()}
                        {(undisclosed > 0).then(|| view! { <UndisclosedRow count=undisclosed /> })}
                    </section>
                })
            })}
        </Suspense>
    }
    .into()
}

#[component]
fn BannerRow(invitation: BannerInvitation) -> impl IntoView {
    let BannerInvitation {
        id,
        account_name,
        invited_by,
        roles,
        expires_at,
        may_answer: _,
    } = invitation;
    let summary = format!(
        "{invited_by} invited you to join {account_name} with the roles {}.",
        roles.join(", ")
    );
    let answer = view! {
        <form method="post" action={path_of::<crate::invitations::AcceptInvitation>()}>
            <input type="hidden" name="invitation_id" value=id.clone() />
            <button type="submit" aria-label=format!("Accept the invitation to {account_name}")>"Accept"</button>
        </form>
        <form method="post" action={path_of::<crate::invitations::DeclineInvitation>()}>
            <input type="hidden" name="invitation_id" value=id />
            <button type="submit" class="secondary" aria-label=format!("Decline the invitation to {account_name}")>"Decline"</button>
        </form>
    };
    view! {
        <div class="banner-row">
            <p>
                {summary}
                " "
                <span class="muted">"Expires " {short_time(expires_at)} "."</span>
            </p>
            <div class="banner-actions">{answer}</div>
        </div>
    }
}

/// Invitations to an unverified address whose link was not opened here: the address alone
/// proves nothing, so they are not described until a link sent to it is followed.
#[component]
fn UndisclosedRow(count: usize) -> impl IntoView {
    let text = if count == 1 {
        "An invitation is waiting for this address. Open the link in the invitation email, or verify your address, to see it and answer it.".to_owned()
    } else {
        format!(
            "{count} invitations are waiting for this address. Open the links in the invitation emails, or verify your address, to see them and answer them."
        )
    };
    view! {
        <div class="banner-row">
            <p>{text}</p>
        </div>
    }
}
