//! The two writes that send invitation mail, as the page and the API both make them: parse
//! the addresses, take the write lock, keep within the hourly caps, apply the rule, commit and
//! wake the outbox. A sending refused by a cap is itself recorded (and committed).

use super::InviteResult;
use super::email_list::{Entry, MAX_ENTRIES, MAX_TEXT_BYTES, parse_email_list};
use super::mail_limits::{mail_budget, over_budget, record_refusal};
use super::queries::StoredInvitation;
use super::rules;
use crate::access::Caller;
use crate::error::AppError;
use crate::server::{AppState, now_rfc3339};

/// Invites every address in `emails` (separated by commas, semicolons, spaces or new lines)
/// with the roles `role_ids`: one outcome per address, in order.
pub async fn invite_addresses(
    state: &AppState,
    caller: &mut Caller,
    emails: &str,
    role_ids: &[String],
) -> Result<Vec<InviteResult>, AppError> {
    if emails.len() > MAX_TEXT_BYTES {
        return Err(AppError::field(
            "emails",
            format!("That is too much text: paste at most {MAX_ENTRIES} addresses at once."),
        ));
    }
    let entries = parse_email_list(emails);
    if entries.is_empty() {
        return Err(AppError::field(
            "emails",
            "Enter at least one email address.",
        ));
    }
    if entries.len() > MAX_ENTRIES {
        return Err(AppError::field(
            "emails",
            format!("Invite at most {MAX_ENTRIES} addresses at once."),
        ));
    }
    let mut tx = caller.begin_write(&state.writer).await?;
    let chosen = rules::invitable_roles(&mut tx, caller, role_ids).await?;
    let now = now_rfc3339();
    let budget = mail_budget(&mut tx, caller, &state.invitations, &now).await?;
    let wanted = entries
        .iter()
        .filter(|e| matches!(e, Entry::Valid(_)))
        .count();
    if let Some(refusal) = over_budget(&budget, wanted) {
        record_refusal(&mut tx, caller, wanted, &budget).await?;
        tx.commit().await?;
        return Err(AppError::field("emails", refusal));
    }
    let results =
        rules::invite(&mut tx, caller, &entries, &chosen, &state.invitations, &now).await?;
    tx.commit().await?;
    state.outbox.notify_one();
    Ok(results)
}

/// One more mail of a pending invitation: the same address again, or another.
pub enum MailAgain<'a> {
    Resend,
    Readdress(&'a crate::domain::Email),
}

/// A new link and a new mail for a pending invitation, within the caps (a refusal by a cap is
/// recorded and committed).
pub async fn mail_again(
    state: &AppState,
    caller: &mut Caller,
    invitation_id: &str,
    how: MailAgain<'_>,
) -> Result<StoredInvitation, AppError> {
    let mut tx = caller.begin_write(&state.writer).await?;
    let now = now_rfc3339();
    let budget = mail_budget(&mut tx, caller, &state.invitations, &now).await?;
    if let Some(refusal) = over_budget(&budget, 1) {
        record_refusal(&mut tx, caller, 1, &budget).await?;
        tx.commit().await?;
        return Err(AppError::TooManyRequests {
            message: refusal,
            retry_after_secs: budget.more_after.map_or(3600, |t| {
                u64::try_from((t - chrono::Utc::now()).num_seconds().max(1)).unwrap_or(1)
            }),
        });
    }
    let settings = &state.invitations;
    let invitation = match how {
        MailAgain::Resend => rules::resend(&mut tx, caller, invitation_id, settings, &now).await?,
        MailAgain::Readdress(email) => {
            rules::readdress(&mut tx, caller, invitation_id, email, settings, &now).await?
        }
    };
    tx.commit().await?;
    state.outbox.notify_one();
    Ok(invitation)
}
