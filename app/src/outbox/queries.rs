//! The outbox table, from the side that queues.

use super::{ComposedMail, MailOutcome};
use crate::db::{self, Db, Pool};

/// Queues `mail` for delivery; it is sent only if the caller's transaction commits.
pub async fn enqueue(
    conn: &mut dyn Db,
    invitation_id: Option<&str>,
    recipient: &str,
    mail: &ComposedMail,
    now: &str,
) -> Result<(), sqlx::Error> {
    db::query(
        "INSERT INTO outbox (invitation_id, recipient, subject, text_body, html_body, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(invitation_id)
    .bind(recipient)
    .bind(&mail.subject)
    .bind(&mail.text)
    .bind(&mail.html)
    .bind(now)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Drops the undelivered mails of an invitation whose link no longer works.
pub async fn discard_unsent(conn: &mut dyn Db, invitation_id: &str) -> Result<(), sqlx::Error> {
    db::query("DELETE FROM outbox WHERE invitation_id = $1 AND sent_at IS NULL")
        .bind(invitation_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// How many mails wait to go out: neither delivered nor given up.
pub async fn undelivered(pool: &Pool) -> Result<i64, sqlx::Error> {
    db::query_scalar("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND abandoned_at IS NULL")
        .fetch_one(pool)
        .await
}

/// A mail waiting in the outbox, as the delivery worker reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueuedMail {
    pub id: i64,
    /// The invitation it carries, whose row shows what became of it.
    pub invitation_id: Option<String>,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attempts: i64,
}

macro_rules! claim_due_mail {
    () => {
        "UPDATE outbox SET next_attempt_at = $1
         WHERE id IN (SELECT id FROM outbox
                      WHERE sent_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= $2
                      ORDER BY id LIMIT $3"
    };
}

macro_rules! returning_mail {
    () => {
        " RETURNING id, invitation_id, recipient, subject, text_body, html_body, attempts"
    };
}

/// Takes up to `limit` mails due at `now` for this worker alone, oldest first: each is moved
/// out of everyone's reach until `lease_until`, in one statement, so that workers of several
/// servers never send the same mail. A worker that dies holding mails leaves them to be taken
/// again once the lease runs out; one that finishes records the outcome, which ends the lease.
pub async fn claim_due(
    pool: &Pool,
    now: &str,
    lease_until: &str,
    limit: u32,
) -> Result<Vec<QueuedMail>, sqlx::Error> {
    // SQLite runs one write at a time; on PostgreSQL a worker skips the rows another is taking
    // this instant (without it, both would take them, the second once the first's lock goes).
    let mut claimed: Vec<QueuedMail> = db::query_as(pool.dialect().pick(
        concat!(claim_due_mail!(), ")", returning_mail!()),
        concat!(
            claim_due_mail!(),
            " FOR UPDATE SKIP LOCKED)",
            returning_mail!()
        ),
    ))
    .bind(lease_until)
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    claimed.sort_by_key(|mail| mail.id);
    Ok(claimed)
}

/// Records how an attempt ended, if the mail still waits (a resend may have dropped it meanwhile;
/// then nothing is recorded and false is returned). A mail that went out or was given up keeps
/// no bodies, which hold links.
pub async fn record_outcome(
    conn: &mut dyn Db,
    id: i64,
    attempts: i64,
    outcome: &MailOutcome,
    now: &str,
) -> Result<bool, sqlx::Error> {
    const STILL_WAITING: &str = " WHERE id = $4 AND sent_at IS NULL AND abandoned_at IS NULL";
    let (statement, at, words) = match outcome {
        MailOutcome::Sent { .. } => (
            "UPDATE outbox SET sent_at = $1, attempts = $2, last_error = $3, text_body = '', html_body = ''",
            now,
            None,
        ),
        MailOutcome::Deferred { reason, retry_at } => (
            "UPDATE outbox SET next_attempt_at = $1, attempts = $2, last_error = $3",
            retry_at.as_str(),
            Some(reason.as_str()),
        ),
        MailOutcome::Failed { reason } => (
            "UPDATE outbox SET abandoned_at = $1, attempts = $2, last_error = $3, text_body = '', html_body = ''",
            now,
            Some(reason.as_str()),
        ),
    };
    let recorded = db::query(&format!("{statement}{STILL_WAITING}"))
        .bind(at)
        .bind(attempts)
        .bind(words)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(recorded.rows_affected() == 1)
}

/// A bounce came back for a mail that went out: the invitation it carried, if it did, and
/// whether this is news (a replayed report finds it bounced already).
pub async fn record_bounce(
    conn: &mut dyn Db,
    id: i64,
    reason: &str,
    now: &str,
) -> Result<Option<Option<String>>, sqlx::Error> {
    db::query_scalar(
        "UPDATE outbox SET bounced_at = $1, last_error = $2
         WHERE id = $3 AND sent_at IS NOT NULL AND bounced_at IS NULL
         RETURNING invitation_id",
    )
    .bind(now)
    .bind(reason)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// When the next waiting mail is due (a claimed one: when its lease ends), if any waits.
pub async fn next_due(pool: &Pool) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar(
        "SELECT min(next_attempt_at) FROM outbox WHERE sent_at IS NULL AND abandoned_at IS NULL",
    )
    .fetch_one(pool)
    .await
}

/// Extends this worker's claim on a mail to `until`, just before sending it, if the claim is
/// still its own (`held_until` unchanged): false when another worker took it meanwhile (after a
/// slow batch outlived the claim), and then this one must not send it.
pub async fn renew_lease(
    pool: &Pool,
    id: i64,
    held_until: &str,
    until: &str,
) -> Result<bool, sqlx::Error> {
    let renewed = db::query(
        "UPDATE outbox SET next_attempt_at = $1
         WHERE id = $2 AND next_attempt_at = $3 AND sent_at IS NULL AND abandoned_at IS NULL",
    )
    .bind(until)
    .bind(id)
    .bind(held_until)
    .execute(pool)
    .await?;
    Ok(renewed.rows_affected() == 1)
}
