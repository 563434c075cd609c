use crate::error::AppError;
use leptos::prelude::*;

/// Mails a new verification link to the signed-in user's address (the older one stops working),
/// at most once a `--verification-resend-minutes`; then back to the page it was asked from.
#[server(prefix = "/api", endpoint = "send_verification_again")]
pub async fn send_verification_again(next: Option<String>) -> Result<(), AppError> {
    use crate::access::require_user;
    use crate::auth::user_tokens::{self, TokenPurpose};
    use crate::domain::Notice;
    use crate::server::{AppState, begin_write, respond};

    respond(async move {
        let user = require_user().await?;
        if user.email_verified {
            return Err(AppError::Conflict("Your address is verified already.".into()));
        }
        let state = AppState::from_context()?;
        let interval = state.auth.verification_resend_interval;
        let mut tx = begin_write(&state.writer).await?;
        let last = user_tokens::last_sent_at(&mut tx, &user.id, TokenPurpose::VerifyAddress).await?;
        if let Some(wait) = last.as_deref().and_then(|last| still_to_wait(last, interval)) {
            return Err(AppError::TooManyRequests {
                message: format!(
                    "A link was sent to {} a moment ago. Look for it (and in spam), or ask again in {} second{}.",
                    user.email,
                    wait,
                    if wait == 1 { "" } else { "s" }
                ),
                retry_after_secs: wait,
            });
        }
        super::verification::send_link(&mut tx, &state, &user.id, &user.email).await?;
        tx.commit().await?;
        state.outbox.notify_one();
        tracing::info!(user.id = %user.id, "verification link sent again");
        let next = crate::auth::safe_next_path(next.as_deref());
        leptos_axum::redirect(&Notice::VerificationSent.added_to(&next));
        Ok(())
    })
    .await
}

/// Seconds until another link may go, if the last one went less than `interval` ago.
#[cfg(feature = "ssr")]
pub(super) fn still_to_wait(last_sent_at: &str, interval: std::time::Duration) -> Option<u64> {
    let sent = chrono::DateTime::parse_from_rfc3339(last_sent_at).ok()?;
    let next = sent.with_timezone(&chrono::Utc) + chrono::Duration::from_std(interval).ok()?;
    let millis = (next - chrono::Utc::now()).num_milliseconds();
    (millis > 0).then(|| millis.unsigned_abs().div_ceil(1000))
}
