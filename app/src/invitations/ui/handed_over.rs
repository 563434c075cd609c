use crate::invitations::{HANDED_OVER_LINK_ID, HandedOverLink};
use leptos::prelude::*;

/// The link an inviter just copied to hand over another way, shown once: it is not kept.
#[component]
pub fn HandedOverPanel(link: HandedOverLink) -> impl IntoView {
    let label = format!("The invitation link for {}", link.email);
    view! {
        <section class="notice new-key" id=HANDED_OVER_LINK_ID tabindex="-1" aria-labelledby="handed-over-heading">
            <h2 id="handed-over-heading">{format!("A link to hand to {}", link.email)}</h2>
            <p>"Send it another way (a chat, a message). The link in the mail no longer works, and this one is not shown again."</p>
            <p><input class="secret" type="text" readonly value=link.link aria-label=label /></p>
        </section>
    }
}
