//! The invitation rules. Each runs inside a transaction that took the write lock first
//! (`BEGIN IMMEDIATE`), so that a check and the write it allows cannot interleave with another
//! writer: one invitation is accepted at most once, and a revoked or superseded token never
//! makes a member.

use super::email_list::Entry;
use super::mail::{InvitationMailFacts, Inviter, compose_invitation};
use super::queries::{self, NewInvitation, StoredInvitation};
use super::{InvitationStatus, InviteOutcome, InviteResult};
use crate::access::Caller;
use crate::audit::AuditActor;
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::outbox::queries::{discard_unsent, enqueue};
use crate::roles::queries::StoredRole;
use crate::secrets::{LinkToken, SecretHash};
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

/// How the invitee proves they hold the link: the hash of the token they followed.
pub enum Proof {
    Token(SecretHash),
    None,
}

/// Ends the overdue pending invitations (of one account, or of all) as expired, and announces
/// each as `invitation.expired`. Nobody did it: the event has no actor.
pub async fn expire_overdue(
    conn: &mut dyn Db,
    account_id: Option<&str>,
    now: &str,
) -> Result<usize, AppError> {
    let expired = queries::expire_overdue(conn, account_id, now).await?;
    let details = serde_json::json!({});
    for (account_id, invitation_id, email) in &expired {
        crate::webhooks::queries::announce(
            conn,
            &crate::webhooks::queries::Announcement {
                account_id,
                event: crate::webhooks::WebhookEvent::InvitationExpired,
                actor: serde_json::Value::Null,
                target_kind: "invitation",
                target_id: invitation_id,
                target_name: email,
                details: &details,
            },
            now,
        )
        .await?;
    }
    Ok(expired.len())
}

/// The invitee becomes a member with the invited roles plus Base.
pub async fn accept(
    conn: &mut dyn Db,
    user: &CurrentUser,
    invitation_id: &str,
    proof: &Proof,
    now: &str,
) -> Result<StoredInvitation, AppError> {
    let invitation = answerable(conn, user, invitation_id, proof, now).await?;
    queries::join_with_roles(conn, &invitation.id, &invitation.account_id, &user.id, now).await?;
    let roles = queries::role_names(conn, &invitation.id).await?;
    let details = serde_json::json!({ "roles": roles, "invitation_id": invitation.id });
    crate::webhooks::queries::announce(
        conn,
        &crate::webhooks::queries::Announcement {
            account_id: &invitation.account_id,
            event: crate::webhooks::WebhookEvent::MemberAdded,
            actor: AuditActor::User(&user.id).as_json(),
            target_kind: "member",
            target_id: &user.id,
            target_name: &user.email,
            details: &details,
        },
        now,
    )
    .await?;
    end(
        conn,
        invitation,
        Ending::Accepted,
        AuditActor::User(&user.id),
        now,
        serde_json::json!({ "roles": roles }),
    )
    .await
}

pub async fn decline(
    conn: &mut dyn Db,
    user: &CurrentUser,
    invitation_id: &str,
    proof: &Proof,
    now: &str,
) -> Result<StoredInvitation, AppError> {
    let invitation = answerable(conn, user, invitation_id, proof, now).await?;
    end(
        conn,
        invitation,
        Ending::Declined,
        AuditActor::User(&user.id),
        now,
        serde_json::json!({}),
    )
    .await
}

pub async fn revoke(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation_id: &str,
    now: &str,
) -> Result<StoredInvitation, AppError> {
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
    let invitation = in_account(conn, caller, invitation_id).await?;
    super::mail_limits::resend_allowed(&invitation, settings, now)?;
    let token = LinkToken::generate();
    let expires_at = expiry(now, settings);
    if !queries::renew_token(conn, &invitation.id, &token.hash(), now, &expires_at).await? {
        return Err(no_longer_pending());
    }
    discard_unsent(conn, &invitation.id).await?;
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
    record(
        conn,
        &caller.account_id,
        caller.audit_actor(),
        crate::audit::AuditAction::InvitationResent,
        &invitation.id,
        &invitation.email,
        serde_json::json!({ "expires_at": expires_at }),
    )
    .await?;
    Ok(invitation)
}

/// How a pending invitation ends; each is stored as its status and audited as its action.
#[derive(Clone, Copy)]
enum Ending {
    Accepted,
    Declined,
    Revoked,
}

impl Ending {
    fn status(self) -> InvitationStatus {
        match self {
            Self::Accepted => InvitationStatus::Accepted,
            Self::Declined => InvitationStatus::Declined,
            Self::Revoked => InvitationStatus::Revoked,
        }
    }

    fn action(self) -> crate::audit::AuditAction {
        match self {
            Self::Accepted => crate::audit::AuditAction::InvitationAccepted,
            Self::Declined => crate::audit::AuditAction::InvitationDeclined,
            Self::Revoked => crate::audit::AuditAction::InvitationRevoked,
        }
    }
}

/// Ends a pending invitation by `by`: its status, no more mail for it, and the audit row. Fails
/// cleanly when another request ended it first.
async fn end(
    conn: &mut dyn Db,
    invitation: StoredInvitation,
    ending: Ending,
    by: AuditActor<'_>,
    now: &str,
    details: serde_json::Value,
) -> Result<StoredInvitation, AppError> {
    let by_user = match by {
        AuditActor::User(id) => Some(id),
        AuditActor::Key { .. } => None,
    };
    if !queries::resolve(conn, &invitation.id, ending.status(), by_user, now).await? {
        return Err(no_longer_pending());
    }
    discard_unsent(conn, &invitation.id).await?;
    record(
        conn,
        &invitation.account_id,
        by,
        ending.action(),
        &invitation.id,
        &invitation.email,
        details,
    )
    .await?;
    Ok(invitation)
}

/// A pending invitation addressed to `user`, answered with a proof that matches its current token.
async fn answerable(
    conn: &mut dyn Db,
    user: &CurrentUser,
    invitation_id: &str,
    proof: &Proof,
    now: &str,
) -> Result<StoredInvitation, AppError> {
    // Someone else's invitation does not exist, as far as this user can tell.
    let invitation = queries::find_by_id(conn, invitation_id)
        .await?
        .filter(|i| i.email == user.email)
        .ok_or_else(|| AppError::NotFound("The invitation".into()))?;
    match invitation.status {
        InvitationStatus::Pending => {}
        InvitationStatus::Accepted => {
            return Err(AppError::Conflict(
                "This invitation has already been accepted.".into(),
            ));
        }
        _ => return Err(no_longer_pending()),
    }
    if !invitation.is_open(now) {
        return Err(AppError::Conflict(format!(
            "This invitation has expired. Ask {} to send you a new one.",
            invitation.invited_by
        )));
    }
    // An address verified before the invitation was sent is proof enough; otherwise its link
    // (this one, not a replaced one).
    let proven = user.verified_before(&invitation.sent_at)
        || match proof {
            Proof::Token(hash) => hash.matches(&invitation.token_hash),
            Proof::None => false,
        };
    if !proven {
        return Err(AppError::Conflict(
            "This link is no longer valid: open the link in the latest invitation email to answer it."
                .into(),
        ));
    }
    Ok(invitation)
}

/// A pending invitation of the caller's account.
async fn in_account(
    conn: &mut dyn Db,
    caller: &Caller,
    invitation_id: &str,
) -> Result<StoredInvitation, AppError> {
    let invitation = queries::find_by_id(conn, invitation_id)
        .await?
        .filter(|i| i.account_id == caller.account_id)
        .ok_or_else(|| AppError::NotFound("The invitation".into()))?;
    if invitation.status != InvitationStatus::Pending {
        return Err(no_longer_pending());
    }
    Ok(invitation)
}

fn no_longer_pending() -> AppError {
    AppError::Conflict("This invitation is no longer pending: it was answered or revoked.".into())
}

fn expiry(now: &str, settings: &InvitationSettings) -> String {
    let now = chrono::DateTime::parse_from_rfc3339(now)
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|_| chrono::Utc::now());
    let lifetime =
        chrono::Duration::from_std(settings.lifetime).unwrap_or(chrono::Duration::hours(72));
    crate::server::rfc3339(now + lifetime)
}

fn link(settings: &InvitationSettings, token: &LinkToken) -> String {
    format!(
        "{}/invitations/{}",
        settings.public_url.trim_end_matches('/'),
        token.as_str()
    )
}

/// The person named in the mail as the inviter; none for a key.
fn inviter(caller: &Caller) -> Option<Inviter<'_>> {
    caller.user().map(|user| Inviter {
        name: &user.display_name,
        email: &user.email,
    })
}

async fn record(
    conn: &mut dyn Db,
    account_id: &str,
    actor: AuditActor<'_>,
    action: crate::audit::AuditAction,
    invitation_id: &str,
    email: &str,
    details: serde_json::Value,
) -> Result<(), sqlx::Error> {
    crate::audit::record(
        conn,
        crate::audit::AuditEvent {
            account_id,
            actor,
            action,
            target_kind: "invitation",
            target_id: invitation_id,
            target_name: email,
            details,
        },
    )
    .await
}
