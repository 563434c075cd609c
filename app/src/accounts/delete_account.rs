use crate::error::AppError;
use leptos::prelude::*;

/// Deletes the account (`delete:account`) once its name is typed to confirm. Its members lose
/// access on their next request and each gets a mail.
#[server(prefix = "/api", endpoint = "delete_account")]
pub async fn delete_account(
    account_id: String,
    #[server(default)] confirm_name: String,
    #[server(default)] second_factor_code: String,
) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::DeleteAccount).await?;
        let state = AppState::from_context()?;
        crate::second_factor::step_up::confirm_fresh(
            &state,
            caller.signed_in()?,
            Some(&second_factor_code),
        )
        .await?;
        let mut tx = caller.begin_write(&state.writer).await?;
        let deleted = super::rules::delete(&mut tx, &caller, &confirm_name, &now_rfc3339()).await?;
        tx.commit().await?;
        state.outbox.notify_one();
        tracing::info!(
            account.id = %account_id,
            account.name = %deleted.name,
            actor = ?caller.audit_actor(),
            members = deleted.members,
            invitations = deleted.invitations,
            "account deleted"
        );
        leptos_axum::redirect(&format!("/?notice={}", Notice::AccountDeleted.key()));
        Ok(())
    })
    .await
}
