use crate::error::AppError;
use leptos::prelude::*;

/// Renames the account (`write:account`), then returns to its settings.
#[server(prefix = "/api", endpoint = "rename_account")]
pub async fn rename_account(account_id: String, name: String) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::AccountName;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteAccount).await?;
        let name = AccountName::parse(&name).map_err(|message| AppError::field("name", message))?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        let before = super::rules::rename(&mut tx, &caller, &name).await?;
        tx.commit().await?;
        tracing::info!(account.id = %account_id, actor = ?caller.audit_actor(), from = %before, to = %name.as_str(), "account renamed");
        leptos_axum::redirect(&format!(
            "/accounts/{account_id}/settings?notice={}",
            Notice::AccountRenamed.key()
        ));
        Ok(())
    })
    .await
}
