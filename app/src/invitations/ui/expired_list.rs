use super::{DeliveryLine, PendingActions};
use crate::components::{ConfirmDialog, path_of};
use crate::domain::Confirmation;
use crate::invitations::PendingInvitation;
use leptos::prelude::*;

/// Invitations that expired lately, greyed, each with Resend and Remove, and a way to send
/// them all again. Nothing when there are none.
#[component]
pub fn ExpiredInvitations(
    account_id: String,
    expired: Vec<PendingInvitation>,
    actions: PendingActions,
    page: String,
    /// How many days they stay listed.
    listed_days: u64,
) -> impl IntoView {
    if expired.is_empty() {
        return ().into_any();
    }
    let count = expired.len();
    let resend_all = actions.resend.then(|| {
        let href = format!(
            "{page}{}dialog=resend-expired#dialog",
            if page.contains('?') { '&' } else { '?' }
        );
        view! { <p><a class="button secondary" id="open-resend-expired" href=href>"Resend all expired"</a></p> }
    });
    let rows = expired
        .into_iter()
        .map(|invitation| {
            let menu = actions.menu(&account_id, (&invitation).into(), &page);
            let PendingInvitation { email, roles, invited_by, expiry, delivery, .. } = invitation;
            view! {
                <tr class="expired">
                    <td>{email}</td>
                    <td>{roles.into_iter().map(|role| view! { <span class="badge">{role}</span> }).collect_view()}</td>
                    <td>{invited_by}</td>
                    <td>
                        <span class="status">{expiry}</span>
                        <DeliveryLine delivery />
                    </td>
                    <td class="row-actions">{menu}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="expired-invitations" aria-labelledby="expired-heading">
            <h2 id="expired-heading">"Expired invitations"</h2>
            <p class="muted">{format!("Their links no longer work. Each stays listed for {listed_days} days after it expired, to be sent again or removed.")}</p>
            {resend_all}
            <table class="invitations">
                <caption>{format!("Expired invitations ({count})")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Roles"</th>
                        <th scope="col">"Invited by"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

/// Asks before sending every expired invitation again, naming how many.
#[component]
pub fn ResendExpiredDialog(account_id: String, count: usize, page: String) -> impl IntoView {
    let (heading, impact) = if count == 1 {
        (
            "Resend the 1 expired invitation?".to_owned(),
            "It is mailed again with a new link that works for the usual time.".to_owned(),
        )
    } else {
        (
            format!("Resend all {count} expired invitations?"),
            format!(
                "Each of the {count} is mailed again with a new link that works for the usual time."
            ),
        )
    };
    view! {
        <ConfirmDialog
            id="resend-expired"
            heading
            impact
            action={path_of::<crate::invitations::ResendExpiredInvitations>()}
            fields=vec![
                ("account_id", account_id),
                ("confirm", Confirmation::ResendExpiredInvitations.word().to_owned()),
                ("return_to", page.clone()),
            ]
            confirm_label="Resend all"
            cancel=page
            opener="open-resend-expired".to_owned()
        />
    }
}
