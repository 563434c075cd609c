use crate::components::path_of;
use crate::components::{ConfirmDialog, ModalDialog, opener_id};
use crate::domain::Confirmation;
use crate::invitations::RoleChoice;
use crate::members::MemberListRow;
use leptos::prelude::*;

/// Add and remove roles of one member. Roles the editor may not give or take are shown locked.
#[component]
pub fn RolesDialog(
    account_id: String,
    member: MemberListRow,
    roles: Vec<RoleChoice>,
    /// The live API keys the member made here (see [`keys_notice`]).
    keys: Vec<String>,
    cancel: String,
) -> impl IntoView {
    let keys = keys_notice(&keys, "if they lose a permission a key carries")
        .map(|notice| view! { <p class="muted" id="roles-keys">{notice}</p> });
    let boxes = roles
        .into_iter()
        .map(|role| {
            let held = member.role_ids.contains(&role.id);
            let id = format!("role-{}", role.id);
            // A locked role the member holds must be submitted, or saving would take it away.
            let keep = (held && !role.grantable).then(|| view! { <input type="hidden" name="roles[]" value=role.id.clone() /> });
            view! {
                <div class="permission role-choice">
                    <input type="checkbox" id=id.clone() name="roles[]" value=role.id.clone() checked=held disabled=!role.grantable />
                    <label for=id>{role.name} {(!role.grantable).then(|| view! { <span class="muted">" (has permissions you do not hold)"</span> })}</label>
                    {keep}
                </div>
            }
        })
        .collect_view();
    view! {
        <ModalDialog labelled_by="roles-heading".to_owned() described_by=String::new() danger=false close_href=cancel.clone() opener=opener_id(&member.id)>
            <h2 id="roles-heading">{format!("Roles of {}", member.name)}</h2>
            <p class="muted">"Base is always held. Ownership is handed over with Make owner."</p>
            {keys}
            <form method="post" action={path_of::<crate::members::SetMemberRoles>()}>
                <input type="hidden" name="account_id" value=account_id />
                <input type="hidden" name="user_id" value=member.id />
                <fieldset class="permission-group">
                    <legend>"Roles"</legend>
                    {boxes}
                </fieldset>
                <div class="dialog-actions">
                    <button type="submit">"Save roles"</button>
                    <a class="button secondary" href=cancel data-close-dialog>"Cancel"</a>
                </div>
            </form>
        </ModalDialog>
    }
    .into_any()
}

/// Confirms handing ownership over, naming both people.
#[component]
pub fn MakeOwnerDialog(
    account_id: String,
    member: MemberListRow,
    me: String,
    /// Whether the owner has an authenticator app: handing over asks for its code.
    step_up: bool,
    cancel: String,
) -> impl IntoView {
    let impact = format!(
        "{} ({}) becomes the owner of this account. You, {me}, stay a member with the Admin role and can no longer do what only the owner may.",
        member.name, member.email
    );
    let opener = opener_id(&member.id);
    view! {
        <ConfirmDialog
            id="owner"
            heading=format!("Make {} the owner?", member.name)
            impact
            action={path_of::<crate::members::TransferOwnership>()}
            fields=vec![("account_id", account_id), ("user_id", member.id), ("confirm", Confirmation::TransferOwnership.word().to_owned())]
            confirm_label="Make owner"
            cancel
            opener
        >
            <crate::second_factor::ui::StepUpField id="owner-step-up" shown=step_up />
        </ConfirmDialog>
    }
}

/// What happens to the API keys a member made: they act as that member's delegate, so they
/// stop working (`when`) until an admin adopts them.
pub fn keys_notice(keys: &[String], when: &str) -> Option<String> {
    let (last, rest) = keys.split_last()?;
    let names = if rest.is_empty() {
        last.clone()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    let (noun, verb) = if keys.len() == 1 {
        ("key", "stops")
    } else {
        ("keys", "stop")
    };
    Some(format!(
        "Their API {noun} {names} {verb} working {when}, until an admin adopts {} on the API keys page.",
        if keys.len() == 1 { "it" } else { "them" }
    ))
}

/// Confirms removing a member's access, naming the API keys that stop with them.
#[component]
pub fn RemoveDialog(
    account_id: String,
    member: MemberListRow,
    keys: Vec<String>,
    /// The addresses of the pending invitations they sent (see `MembersListing`).
    invitations_sent: Vec<String>,
    cancel: String,
) -> impl IntoView {
    let mut impact = format!(
        "{} ({}) loses access to this account at once, with all their roles here. Their other accounts are not affected.",
        member.name, member.email
    );
    if let Some(keys) = keys_notice(&keys, "with them") {
        impact = format!("{impact} {keys}");
    }
    let opener = opener_id(&member.id);
    let count = invitations_sent.len();
    let sent = (count > 0).then(|| {
        let heading = if count == 1 {
            "They sent 1 invitation that is still pending; it is revoked with the removal:".to_owned()
        } else {
            format!("They sent {count} invitations that are still pending; they are revoked with the removal:")
        };
        view! {
            <div class="invitations-sent">
                <p>{heading}</p>
                <ul>{invitations_sent.into_iter().map(|email| view! { <li>{email}</li> }).collect_view()}</ul>
                <div class="permission">
                    <input type="checkbox" id="keep-invitations" name="keep_invitations" value="keep" />
                    <label for="keep-invitations">"Keep these invitations pending instead"</label>
                </div>
            </div>
        }
    });
    view! {
        <ConfirmDialog
            id="remove"
            heading="Remove user access".to_owned()
            impact
            action={path_of::<crate::members::RemoveMember>()}
            fields=vec![("account_id", account_id), ("user_id", member.id), ("confirm", Confirmation::RemoveMember.word().to_owned())]
            confirm_label="Remove user access"
            cancel
            opener
        >
            {sent}
        </ConfirmDialog>
    }
}
