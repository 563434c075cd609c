use crate::components::{ModalDialog, TextField, TypedValues, opener_id, path_of, url_error};
use crate::invitations::PendingInvitation;
use leptos::prelude::*;

/// Sends a pending invitation to a corrected address: a form with the address to edit.
#[component]
pub fn ReaddressDialog(
    account_id: String,
    invitation: PendingInvitation,
    page: String,
) -> impl IntoView {
    let opener = opener_id(&invitation.id);
    const FUNCTION: &str = path_of::<crate::invitations::ReaddressInvitation>();
    // Refused without JavaScript: the dialog opens again with what was typed and why.
    let error = url_error(FUNCTION).and_then(|error| error.message_for("email").map(str::to_owned));
    let typed = TypedValues::of("readdress_invitation").get("email");
    let refused = invitation.delivery.failed().then(|| {
        view! { <p id="readdress-impact">{invitation.delivery.describe()}</p> }
    });
    view! {
        <ModalDialog
            labelled_by="readdress-heading".to_owned()
            described_by=if refused.is_some() { "readdress-impact".to_owned() } else { String::new() }
            danger=false
            close_href=page.clone()
            opener
        >
            <h2 id="readdress-heading">{format!("Edit the address of the invitation to {}", invitation.email)}</h2>
            {refused}
            <form method="post" action=FUNCTION>
                <input type="hidden" name="account_id" value=account_id />
                <input type="hidden" name="invitation_id" value=invitation.id />
                <input type="hidden" name="return_to" value=page.clone() />
                <TextField
                    id="readdress-email"
                    label="Email address"
                    name="email"
                    input_type="email"
                    autocomplete="off"
                    value=typed.unwrap_or(invitation.email)
                    max_length=254
                    error=Signal::stored(error)
                />
                <p class="muted">"A new mail with a new link goes to this address; the old link stops working."</p>
                <div class="dialog-actions">
                    <button type="submit">"Send to this address"</button>
                    <a class="button secondary" href=page data-close-dialog>"Cancel"</a>
                </div>
            </form>
        </ModalDialog>
    }
}
