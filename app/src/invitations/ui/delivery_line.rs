use super::short_time;
use crate::invitations::{DeliveryStatus, MailDelivery};
use leptos::prelude::*;

/// What became of an invitation's mail, in its row: "Mail refused: 550 5.1.1 No such user",
/// when a deferred one is tried again, and whether the reminder went.
#[component]
pub fn DeliveryLine(delivery: MailDelivery) -> impl IntoView {
    let class = format!("status-since delivery delivery-{}", delivery.status.key());
    let text = delivery.describe();
    let retry = (delivery.status == DeliveryStatus::Deferred)
        .then_some(delivery.retry_at)
        .flatten()
        .map(|at| view! { " (next try " {short_time(at)} ")" });
    let reminded = delivery
        .reminded_at
        .map(|at| view! { <span class="status-since">"Reminded " {short_time(at)}</span> });
    view! {
        <span class=class>{text} {retry}</span>
        {reminded}
    }
}
