use crate::error::AppError;
use leptos::prelude::*;

/// Sends every recently expired invitation of the account again, each with a new link and
/// expiry. Needs `confirm=resend`, so that a stray request cannot do it.
#[server(prefix = "/api", endpoint = "resend_expired_invitations")]
pub async fn resend_expired_invitations(
    account_id: String,
    #[server(default)] confirm: String,
    #[server(default)] return_to: String,
) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::{Confirmation, Notice};
    use crate::invitations::mail_limits::{mail_budget, over_budget, record_refusal};
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteInvites).await?;
        if !Confirmation::ResendExpiredInvitations.given(&confirm) {
            return Err(AppError::Conflict(
                "Confirm that you want to send the expired invitations again.".into(),
            ));
        }
        let state = AppState::from_context()?;
        let settings = &state.invitations;
        let now = now_rfc3339();
        let since = settings.expired_listed_since();
        let mut tx = caller.begin_write(&state.writer).await?;
        let listed =
            super::queries::listing::list_expired(&mut tx, &account_id, &since, &now).await?;
        let budget = mail_budget(&mut tx, &caller, settings, &now).await?;
        if let Some(refusal) = over_budget(&budget, listed.len()) {
            record_refusal(&mut tx, &caller, listed.len(), &budget).await?;
            tx.commit().await?;
            return Err(AppError::Conflict(refusal));
        }
        super::rules::resend_expired(&mut tx, &caller, settings, &since, &now).await?;
        tx.commit().await?;
        state.outbox.notify_one();
        leptos_axum::redirect(
            &Notice::ExpiredInvitationsResent
                .added_to(&super::return_path(&account_id, &return_to)),
        );
        Ok(())
    })
    .await
}
