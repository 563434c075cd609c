//! How many invitation mails may go out: a cooldown per invitation, and hourly caps per account
//! and per sending user, so that Roster cannot be turned into a mail cannon.

use super::queries::{self, StoredInvitation};
use crate::access::Caller;
use crate::db::Db;
use crate::error::AppError;
use crate::server::InvitationSettings;
use chrono::{DateTime, Duration, Utc};

const HOUR: Duration = Duration::hours(1);

/// What the caller may still send in this account right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailBudget {
    pub remaining: u32,
    /// When the binding cap lets one more through, if it is reached.
    pub more_after: Option<DateTime<Utc>>,
}

pub async fn mail_budget(
    conn: &mut dyn Db,
    caller: &Caller,
    settings: &InvitationSettings,
    now: &str,
) -> Result<MailBudget, sqlx::Error> {
    let now = parse_time(now);
    let since = crate::server::rfc3339(now - HOUR);
    let sent = queries::mail_counts::mails_sent_since(
        conn,
        &caller.account_id,
        caller.audit_actor(),
        &since,
    )
    .await?;
    let left_in_account = settings
        .mails_per_account_hour
        .saturating_sub(sent.by_account);
    let left_for_user = settings.mails_per_user_hour.saturating_sub(sent.by_user);
    let (remaining, oldest) = if left_in_account <= left_for_user {
        (left_in_account, sent.oldest_by_account)
    } else {
        (left_for_user, sent.oldest_by_user)
    };
    Ok(MailBudget {
        remaining,
        more_after: oldest.map(|oldest| parse_time(&oldest) + HOUR),
    })
}

/// The refusal for wanting to send `wanted` mails on `budget`, if it does not cover them.
pub fn over_budget(budget: &MailBudget, wanted: usize) -> Option<String> {
    if wanted <= budget.remaining as usize {
        return None;
    }
    let when = budget.more_after.map_or_else(
        || "within the hour".to_owned(),
        |t| format!("after {}", clock(t)),
    );
    Some(match budget.remaining {
        0 => format!("The hourly limit of invitation mails is reached. You can send more {when}."),
        n => format!(
            "Only {n} more invitation {} can be sent now (an hourly limit); send fewer, or more {when}.",
            if n == 1 { "mail" } else { "mails" }
        ),
    })
}

/// Refused while the invitation's last mail is younger than the cooldown.
pub fn resend_allowed(
    invitation: &StoredInvitation,
    settings: &InvitationSettings,
    now: &str,
) -> Result<(), AppError> {
    let cooldown = Duration::from_std(settings.resend_cooldown).unwrap_or(Duration::zero());
    let allowed_at = parse_time(&invitation.sent_at) + cooldown;
    let now = parse_time(now);
    if now >= allowed_at {
        return Ok(());
    }
    let wait = (allowed_at - now).num_seconds().max(1);
    Err(AppError::TooManyRequests {
        message: format!(
            "This invitation was sent moments ago; it can be sent again after {}.",
            clock(allowed_at)
        ),
        retry_after_secs: u64::try_from(wait).unwrap_or(1),
    })
}

/// A refused sending is worth knowing about: it is written to the audit log.
pub async fn record_refusal(
    conn: &mut dyn Db,
    caller: &Caller,
    wanted: usize,
    budget: &MailBudget,
) -> Result<(), sqlx::Error> {
    crate::audit::record(
        conn,
        crate::audit::AuditEvent {
            account_id: &caller.account_id,
            actor: caller.audit_actor(),
            action: crate::audit::AuditAction::InvitationMailLimitReached,
            target_kind: "account",
            target_id: &caller.account_id,
            target_name: "invitation mails",
            details: serde_json::json!({ "wanted": wanted, "remaining": budget.remaining }),
        },
    )
    .await
}

fn parse_time(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|_| Utc::now())
}

fn clock(time: DateTime<Utc>) -> String {
    time.format("%H:%M UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(remaining: u32) -> MailBudget {
        MailBudget {
            remaining,
            more_after: Some(parse_time("2026-12-03T14:05:00Z")),
        }
    }

    #[test]
    fn a_budget_that_covers_the_mails_lets_them_through() {
        assert_eq!(over_budget(&budget(3), 3), None);
    }

    #[test]
    fn an_exhausted_budget_says_when_sending_is_possible_again() {
        let message = over_budget(&budget(0), 1).unwrap();
        assert!(message.contains("after 14:05 UTC"), "{message}");
    }

    #[test]
    fn a_short_budget_says_how_many_can_still_go() {
        let message = over_budget(&budget(2), 5).unwrap();
        assert!(
            message.starts_with("Only 2 more invitation mails"),
            "{message}"
        );
    }
}
