//! Inviting: sending invitations with roles the inviter may give, sending one again with a new
//! link, and taking one back.

use super::ending::{Ending, end, expire_overdue, in_account, no_longer_pending, record};
use super::reopening::resendable;
use crate::access::Caller;
use crate::db::Db;
use crate::error::AppError;
use crate::invitations::email_list::Entry;
use crate::invitations::mail::{InvitationMailFacts, Inviter, compose_invitation};
use crate::invitations::queries::{self, NewInvitation, Renewal, StoredInvitation};
use crate::invitations::{InviteOutcome, InviteResult};
use crate::outbox::queries::{discard_unsent, enqueue};
use crate::roles::queries::StoredRole;
use crate::secrets::LinkToken;
use crate::server::InvitationSettings;

/// Invites each entry with `roles` (Base is implicit), one outcome per entry, in order.
pub async fn invite(
    conn: &mut dyn Db,
    caller: &Caller,
    entries: &[Entry],
    roles: &[StoredRole],
    settings: &InvitationSettings,
    now: &str,
) -> Result<Vec<InviteResult>, AppError> {
    expire_overdue(conn, Some(&caller.account_id), now).await?;
    let mut open = queries::count_open(conn, &caller.account_id, now).await?;
    let account_name = crate::accounts::queries::account_name_in(conn, &caller.account_id).await?;
    let role_ids: Vec<String> = roles.iter().map(|r| r.id.clone()).collect();
    let role_names: Vec<String> = roles.iter().map(|r| r.name.clone()).collect();
    let mut results = Vec::with_capacity(entries.len());
    for entry in entries {
        let (typed, outcome) = match entry {
            Entry::Invalid(text) => (text.clone(), InviteOutcome::InvalidAddress),
            Entry::Valid(email) => {
                let outcome = if queries::is_member_email(conn, &caller.account_id, email.as_str())
                    .await?
                {
                    InviteOutcome::AlreadyMember
                } else if queries::has_pending(conn, &caller.account_id, email.as_str()).await? {
                    InviteOutcome::AlreadyInvited
                } else if open >= settings.pending_limit {
                    InviteOutcome::LimitReached
                } else {
                    let id = uuid::Uuid::new_v4().to_string();
                    let token = LinkToken::generate();
                    let expires_at = expiry(now, settings);
                    queries::insert(
                        conn,
                        &NewInvitation {
                            id: &id,
                            account_id: &caller.account_id,
                            email: email.as_str(),
                            invited_by: caller.audit_actor(),
                            token_hash: &token.hash(),
                            now,
                            expires_at: &expires_at,
                            role_ids: &role_ids,
                        },
                    )
                    .await?;
                    let facts = InvitationMailFacts {
                        account_name: &account_name,
                        inviter: inviter(caller),
                        roles: &role_names,
                        expires_at: &expires_at,
                        link: &link(settings, &token),
                    };
                    enqueue(
                        conn,
                        Some(&id),
                        email.as_str(),
                        &compose_invitation(&facts),
                        now,
                    )
                    .await?;
                    record(
                        conn,
                        &caller.account_id,
                        caller.audit_actor(),
                        crate::audit::AuditAction::InvitationCreated,
                        &id,
                        email.as_str(),
                        serde_json::json!({ "roles": role_names, "expires_at": expires_at }),
                    )
                    .await?;
                    open += 1;
                    InviteOutcome::Invited
                };
                (email.as_str().to_owned(), outcome)
            }
        };
        results.push(InviteResult {
            email: typed,
            outcome,
        });
    }
    Ok(results)
}

/// The roles an invitation may carry, from the submitted ids: Base is implicit, Owner is never
/// given by invitation, and each must hold only permissions the caller holds.
pub async fn invitable_roles(
    conn: &mut dyn Db,
    caller: &Caller,
    role_ids: &[String],
) -> Result<Vec<StoredRole>, AppError> {
    let mut chosen: Vec<StoredRole> = Vec::new();
    for role_id in role_ids.iter().filter(|id| !id.is_empty()) {
        let role = crate::roles::rules::load_role(conn, &caller.account_id, role_id).await?;
        match role.builtin {
            Some(crate::permissions::BuiltinRole::Base) => continue,
            Some(crate::permissions::BuiltinRole::Owner) => {
                return Err(AppError::field(
                    "roles",
                    "Ownership cannot be given by invitation: the owner hands it over to a member.",
                ));
            }
            _ => {}
        }
        caller.may_grant_role(&role, "invite with")?;
        if !chosen.iter().any(|r| r.id == role.id) {
            chosen.push(role);
        }
    }
    Ok(chosen)
}

/// Takes back a pending invitation, or removes an expired one from the list.
pub async fn revoke(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation_id: &str,
    now: &str,
) -> Result<StoredInvitation, AppError> {
    if let Some(removed) = super::reopening::remove_expired(conn, caller, invitation_id).await? {
        return Ok(removed);
    }
    let invitation = in_account(conn, caller, invitation_id).await?;
    end(
        conn,
        invitation,
        Ending::Revoked,
        caller.audit_actor(),
        now,
        serde_json::json!({}),
    )
    .await
}

/// A new token, a new expiry and a new mail; the old link stops working in the same commit.
pub async fn resend(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation_id: &str,
    settings: &InvitationSettings,
    now: &str,
) -> Result<StoredInvitation, AppError> {
    let invitation = resendable(conn, caller, invitation_id, settings, now).await?;
    crate::invitations::mail_limits::resend_allowed(&invitation, settings, now)?;
    mail_again(
        conn,
        caller,
        invitation,
        settings,
        now,
        serde_json::json!({}),
    )
    .await
}

/// Mails a pending invitation to another address (the first one refused it, or was mistyped),
/// with a new link: the old one stops working. Audited as resent, naming the old address.
pub async fn readdress(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation_id: &str,
    email: &crate::domain::Email,
    settings: &InvitationSettings,
    now: &str,
) -> Result<StoredInvitation, AppError> {
    let mut invitation = in_account(conn, caller, invitation_id).await?;
    let previous = invitation.email.clone();
    let email = email.as_str();
    if email != previous {
        let refusal = if queries::is_member_email(conn, &caller.account_id, email).await? {
            Some(InviteOutcome::AlreadyMember)
        } else if queries::has_pending(conn, &caller.account_id, email).await? {
            Some(InviteOutcome::AlreadyInvited)
        } else {
            None
        };
        if let Some(refusal) = refusal {
            return Err(AppError::field(
                "email",
                refusal.describe(settings.pending_limit),
            ));
        }
        if !queries::change_email(conn, &invitation.id, email).await? {
            return Err(no_longer_pending());
        }
        invitation.email = email.to_owned();
    }
    let details = serde_json::json!({ "previous_email": previous });
    mail_again(conn, caller, invitation, settings, now, details).await
}

/// A new token and expiry for `invitation`, its unsent mail dropped, a new mail queued, and
/// the resend audited with `details` (and the new expiry).
pub(super) async fn mail_again(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation: StoredInvitation,
    settings: &InvitationSettings,
    now: &str,
    mut details: serde_json::Value,
) -> Result<StoredInvitation, AppError> {
    let (token, expires_at) =
        fresh_link(conn, &invitation.id, settings, now, Renewal::Resent).await?;
    let roles = queries::role_names(conn, &invitation.id).await?;
    let facts = InvitationMailFacts {
        account_name: &invitation.account_name,
        inviter: inviter(caller),
        roles: &roles,
        expires_at: &expires_at,
        link: &link(settings, &token),
    };
    enqueue(
        conn,
        Some(&invitation.id),
        &invitation.email,
        &compose_invitation(&facts),
        now,
    )
    .await?;
    details["expires_at"] = serde_json::Value::from(expires_at.as_str());
    record(
        conn,
        &caller.account_id,
        caller.audit_actor(),
        crate::audit::AuditAction::InvitationResent,
        &invitation.id,
        &invitation.email,
        details,
    )
    .await?;
    Ok(invitation)
}

/// A new token and a new expiry for a pending invitation, for `renewal`: the old link stops
/// working and its unsent mail is dropped, in the caller's transaction.
pub(super) async fn fresh_link(
    conn: &mut dyn Db,
    invitation_id: &str,
    settings: &InvitationSettings,
    now: &str,
    renewal: Renewal,
) -> Result<(LinkToken, String), AppError> {
    let token = LinkToken::generate();
    let expires_at = expiry(now, settings);
    if !queries::renew_token(
        conn,
        invitation_id,
        &token.hash(),
        now,
        &expires_at,
        renewal,
    )
    .await?
    {
        return Err(no_longer_pending());
    }
    discard_unsent(conn, invitation_id).await?;
    Ok((token, expires_at))
}

pub(super) fn expiry(now: &str, settings: &InvitationSettings) -> String {
    let now = chrono::DateTime::parse_from_rfc3339(now)
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|_| chrono::Utc::now());
    let lifetime =
        chrono::Duration::from_std(settings.lifetime).unwrap_or(chrono::Duration::hours(72));
    crate::server::rfc3339(now + lifetime)
}

pub(super) fn link(settings: &InvitationSettings, token: &LinkToken) -> String {
    format!(
        "{}/invitations/{}",
        settings.public_url.trim_end_matches('/'),
        token.as_str()
    )
}

/// The person named in the mail as the inviter; none for a key.
pub(super) fn inviter(caller: &Caller) -> Option<Inviter<'_>> {
    caller.user().map(|user| Inviter {
        name: &user.display_name,
        email: &user.email,
    })
}
