use crate::error::AppError;
use leptos::prelude::*;

/// Sends a pending invitation again with a new link and a new expiry; the old link stops working.
#[server(prefix = "/api", endpoint = "resend_invitation")]
pub async fn resend_invitation(
    account_id: String,
    invitation_id: String,
    #[server(default)] return_to: String,
) -> Result<(), AppError> {
    use crate::components::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteInvites).await?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        let now = now_rfc3339();
        let budget =
            super::mail_limits::mail_budget(&mut tx, &caller, &state.invitations, &now).await?;
        if let Some(refusal) = super::mail_limits::over_budget(&budget, 1) {
            super::mail_limits::record_refusal(&mut tx, &caller, 1, &budget).await?;
            tx.commit().await?;
            return Err(AppError::TooManyRequests {
                message: refusal,
                retry_after_secs: budget.more_after.map_or(3600, |t| {
                    u64::try_from((t - chrono::Utc::now()).num_seconds().max(1)).unwrap_or(1)
                }),
            });
        }
        super::rules::resend(&mut tx, &caller, &invitation_id, &state.invitations, &now).await?;
        tx.commit().await?;
        state.outbox.notify_one();
        leptos_axum::redirect(
            &Notice::InvitationResent.added_to(&super::return_path(&account_id, &return_to)),
        );
        Ok(())
    })
    .await
}
