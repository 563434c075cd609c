use crate::error::AppError;
use leptos::prelude::*;

/// Requires a second factor of every member of the account, or stops requiring it
/// (`write:account`). Members without one are not removed: they are asked to add one.
#[server(prefix = "/api", endpoint = "require_second_factor")]
pub async fn require_second_factor(
    account_id: String,
    required: bool,
    #[server(default)] second_factor_code: String,
) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteAccount).await?;
        let state = AppState::from_context()?;
        crate::second_factor::step_up::confirm_fresh(
            &state,
            caller.signed_in()?,
            Some(&second_factor_code),
        )
        .await?;
        let mut tx = caller.begin_write(&state.writer).await?;
        let changed =
            super::rules::set_required(&mut tx, &caller, required, &now_rfc3339()).await?;
        tx.commit().await?;
        tracing::info!(account.id = %account_id, required, changed, "second-factor policy set");
        let notice = if required {
            Notice::SecondFactorRequired
        } else {
            Notice::SecondFactorOptional
        };
        leptos_axum::redirect(&format!(
            "/accounts/{account_id}/settings?notice={}",
            notice.key()
        ));
        Ok(())
    })
    .await
}
