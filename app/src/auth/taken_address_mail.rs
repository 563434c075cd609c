//! The mail to the holder of an address that someone tried to sign up with again. Sign-up
//! answers the same whether or not the address is taken (so that nobody learns who uses
//! Roster); the real holder learns of the attempt from this mail instead.

use crate::db::Pool;
use crate::outbox::ComposedMail;
use crate::outbox::queries::enqueue;

/// One notice an hour per address is enough; more would let anyone flood an inbox.
const NOTICE_INTERVAL: chrono::Duration = chrono::Duration::hours(1);

pub fn compose(public_url: &str) -> ComposedMail {
    let sign_in = format!("{public_url}/sign-in");
    ComposedMail {
        subject: "Someone tried to create a Roster user with your address".into(),
        text: format!(
            "Hello,\r\n\r\nSomeone just tried to create a new user on Roster with this email address, which already has one.\r\n\r\nIf it was you, sign in instead:\r\n\r\n{sign_in}\r\n\r\nIf it was not you, nothing has changed and you need not do anything.\r\n"
        ),
        html: format!(
            "<!DOCTYPE html><html><body><p>Hello,</p><p>Someone just tried to create a new user on Roster with this email address, which already has one.</p><p>If it was you, <a href=\"{link}\">sign in</a> instead.</p><p>If it was not you, nothing has changed and you need not do anything.</p></body></html>",
            link = crate::html_escape::escape_html(&sign_in)
        ),
    }
}

/// Queues the notice unless one went to `recipient` within the hour. True when queued.
pub async fn queue_notice(
    pool: &Pool,
    recipient: &str,
    public_url: &str,
) -> Result<bool, sqlx::Error> {
    let now = chrono::Utc::now();
    let since = crate::server::rfc3339(now - NOTICE_INTERVAL);
    let mut tx = crate::server::begin_write(pool).await?;
    let notice = compose(public_url);
    let recent =
        super::queries::notice_sent_since(&mut tx, recipient, &notice.subject, &since).await?;
    if !recent {
        let now = crate::server::rfc3339(now);
        enqueue(&mut tx, None, recipient, &notice, &now).await?;
    }
    tx.commit().await?;
    Ok(!recent)
}
