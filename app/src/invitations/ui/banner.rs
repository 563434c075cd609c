use super::pending_list::short_time;
use crate::invitations::{BannerInvitation, my_invitations};
use leptos::prelude::*;

/// At the top of every page: each pending invitation addressed to the signed-in user, with
/// Accept and Decline once this browser has followed the invitation's link.
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
                (!invitations.is_empty()).then(|| view! {
                    <section class="invitation-banner" aria-label="Invitations">
                        {invitations.into_iter().map(|invitation| view! { <BannerRow invitation /> }).collect_view()}
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
        may_answer,
    } = invitation;
    let summary = format!(
        "{invited_by} invited you to join {account_name} with the roles {}.",
        roles.join(", ")
    );
    let answer = if may_answer {
        view! {
            <form method="post" action="/api/accept_invitation">
                <input type="hidden" name="invitation_id" value=id.clone() />
                <button type="submit" aria-label=format!("Accept the invitation to {account_name}")>"Accept"</button>
            </form>
            <form method="post" action="/api/decline_invitation">
                <input type="hidden" name="invitation_id" value=id />
                <button type="submit" class="secondary" aria-label=format!("Decline the invitation to {account_name}")>"Decline"</button>
            </form>
        }
        .into_any()
    } else {
        view! { <span class="muted">"Open the link in the invitation email to answer it."</span> }
            .into_any()
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
