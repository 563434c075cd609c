//! The outbox table, from the side that queues.

use super::ComposedMail;
use sqlx::SqliteConnection;

/// Queues `mail` for delivery; it is sent only if the caller's transaction commits.
pub async fn enqueue(
    conn: &mut SqliteConnection,
    invitation_id: Option<&str>,
    recipient: &str,
    mail: &ComposedMail,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (invitation_id, recipient, subject, text_body, html_body, created_at, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
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
pub async fn discard_unsent(
    conn: &mut SqliteConnection,
    invitation_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM outbox WHERE invitation_id = ? AND sent_at IS NULL")
        .bind(invitation_id)
        .execute(conn)
        .await?;
    Ok(())
}
