use super::DeliveryLine;
use crate::components::path_of;
use crate::components::{ActionsMenu, ConfirmDialog, opener_id};
use crate::domain::Confirmation;
use crate::invitations::{InvitationsView, PendingInvitation};
use leptos::prelude::*;

/// "2026-11-23 11:32 UTC" from a stored RFC 3339 UTC time, inside a machine-readable `<time>`.
pub fn short_time(rfc3339: String) -> impl IntoView {
    let text = match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(day), Some(clock)) => format!("{day} {clock} UTC"),
        _ => rfc3339.clone(),
    };
    view! { <time datetime=rfc3339>{text}</time> }
}

fn with_query(page: &str, query: &str) -> String {
    let separator = if page.contains('?') { '&' } else { '?' };
    format!("{page}{separator}{query}")
}

/// An invitation as its Actions menu needs it.
#[derive(Clone, Copy)]
pub struct Listed<'a> {
    pub id: &'a str,
    pub email: &'a str,
    /// Its mail failed: the menu offers to edit the address.
    pub failed: bool,
    /// Its link no longer works: the menu offers Resend and Remove only.
    pub expired: bool,
}

impl<'a> From<&'a PendingInvitation> for Listed<'a> {
    fn from(invitation: &'a PendingInvitation) -> Self {
        Self {
            id: &invitation.id,
            email: &invitation.email,
            failed: invitation.delivery.failed(),
            expired: invitation.expired,
        }
    }
}

/// What the caller may do with a pending invitation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PendingActions {
    pub resend: bool,
    pub revoke: bool,
}

impl PendingActions {
    pub fn of(view: &InvitationsView) -> Self {
        Self {
            resend: view.may_resend,
            revoke: view.may_revoke,
        }
    }

    /// The Actions menu of one invitation: Resend and Copy link post at once; Edit address
    /// (offered once its mail failed) and Revoke open a dialog. An expired invitation offers
    /// Resend and Remove. Each comes back to `page`.
    pub fn menu(self, account_id: &str, invitation: Listed<'_>, page: &str) -> Option<AnyView> {
        if !self.resend && !self.revoke {
            return None;
        }
        let Listed {
            id,
            email,
            failed,
            expired,
        } = invitation;
        let dialog = |name: &str| {
            format!(
                "{}#dialog",
                with_query(page, &format!("dialog={name}&invitation={id}"))
            )
        };
        let post = |function: &'static str, label: &'static str, aria: String| {
            view! {
                <form method="post" action=function>
                    <input type="hidden" name="account_id" value=account_id.to_owned() />
                    <input type="hidden" name="invitation_id" value=id.to_owned() />
                    <input type="hidden" name="return_to" value=page.to_owned() />
                    <button type="submit" aria-label=aria>{label}</button>
                </form>
            }
        };
        let resend = self.resend.then(|| {
            post(
                path_of::<crate::invitations::ResendInvitation>(),
                "Resend",
                format!("Resend the invitation to {email}"),
            )
        });
        let copy = (self.resend && !expired).then(|| {
            post(
                path_of::<crate::invitations::CopyInvitationLink>(),
                "Copy link",
                format!("Copy link to the invitation for {email}"),
            )
        });
        let readdress = (self.resend && !expired && failed).then(|| {
            view! {
                <a href=dialog("readdress") aria-label=format!("Edit address and resend the invitation to {email}")>"Edit address and resend"</a>
            }
        });
        let (revoke_label, revoke_aria) = if expired {
            (
                "Remove",
                format!("Remove the expired invitation to {email}"),
            )
        } else {
            ("Revoke", format!("Revoke the invitation to {email}"))
        };
        let revoke = self.revoke.then(|| {
            view! { <a class="danger" href=dialog("revoke") aria-label=revoke_aria>{revoke_label}</a> }
        });
        Some(
            view! { <ActionsMenu subject=email.to_owned() row_id=id.to_owned()>{resend} {copy} {readdress} {revoke}</ActionsMenu> }
                .into_any(),
        )
    }
}

/// The pending invitations with their Actions menus. `page` is where the section is shown;
/// the actions come back to it. With `count_only`, the invitations are listed elsewhere on the
/// page (in the members table), and this says only how many there are.
#[component]
pub fn InvitationsSection(
    account_id: String,
    view: InvitationsView,
    page: String,
    #[prop(optional)] count_only: bool,
) -> impl IntoView {
    let actions = PendingActions::of(&view);
    let InvitationsView {
        invitations,
        limit,
        pending_in_account,
        ..
    } = view;
    let count = invitations.len();
    let body = if count_only {
        ().into_any()
    } else if invitations.is_empty() {
        view! { <p class="empty">"No pending invitations."</p> }.into_any()
    } else {
        let rows = invitations
            .into_iter()
            .map(|invitation| {
                let menu = actions.menu(&account_id, (&invitation).into(), &page);
                let PendingInvitation { email, roles, invited_by, sent_at, expires_at, delivery, .. } = invitation;
                view! {
                    <tr>
                        <td>{email}</td>
                        <td>{roles.into_iter().map(|role| view! { <span class="badge">{role}</span> }).collect_view()}</td>
                        <td>{invited_by}</td>
                        <td>{short_time(sent_at)}</td>
                        <td>{short_time(expires_at)}</td>
                        <td><DeliveryLine delivery /></td>
                        <td class="row-actions">{menu}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="invitations">
                <caption>{format!("Pending invitations ({count})")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Roles"</th>
                        <th scope="col">"Invited by"</th>
                        <th scope="col">"Sent"</th>
                        <th scope="col">"Expires"</th>
                        <th scope="col">"Mail"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="pending-invitations" aria-labelledby="pending-heading">
            <h2 id="pending-heading">"Pending invitations"</h2>
            <p class="muted">{format!("{pending_in_account} of at most {limit} pending in this account.")}</p>
            {body}
        </section>
    }
}

/// Asks before revoking: the link in the mail stops working.
#[component]
pub fn RevokeDialog(
    account_id: String,
    invitation: PendingInvitation,
    page: String,
) -> impl IntoView {
    let opener = opener_id(&invitation.id);
    let (heading, impact, confirm_label) = if invitation.expired {
        (
            format!("Remove the expired invitation to {}?", invitation.email),
            "It leaves the list of expired invitations and cannot be sent again. You can invite this address again later.",
            "Remove invitation",
        )
    } else {
        (
            format!("Revoke the invitation to {}?", invitation.email),
            "The link in the invitation email will stop working. You can invite this address again later.",
            "Revoke invitation",
        )
    };
    view! {
        <ConfirmDialog
            id="revoke"
            heading
            impact=impact.to_owned()
            action={path_of::<crate::invitations::RevokeInvitation>()}
            fields=vec![
                ("account_id", account_id),
                ("invitation_id", invitation.id),
                ("confirm", Confirmation::RevokeInvitation.word().to_owned()),
                ("return_to", page.clone()),
            ]
            confirm_label
            cancel=page
            opener
        />
    }
}
