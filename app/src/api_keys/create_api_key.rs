use crate::error::AppError;
use leptos::prelude::*;

/// Creates an API key (`write:api_keys`) with permissions the caller holds, working for
/// `lifetime_days` (0: until revoked). Its secret goes to the next view of the keys page, once.
#[server(prefix = "/api", endpoint = "create_api_key")]
pub async fn create_api_key(
    account_id: String,
    name: String,
    #[server(default)] permissions: Vec<String>,
    #[server(default)] lifetime_days: u32,
    #[server(default)] second_factor_code: String,
) -> Result<String, AppError> {
    use super::NewKeySecret;
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteApiKeys).await?;
        let name = crate::domain::parse_name(
            &name,
            100,
            "Name the key after the program that uses it.",
            "Use at most 100 characters.",
        )
        .map_err(|message| AppError::field("name", message))?;
        let permissions = crate::roles::rules::parse_permissions(&permissions)?;
        if !super::LIFETIME_CHOICES
            .iter()
            .any(|(days, _)| *days == lifetime_days)
        {
            return Err(AppError::field(
                "lifetime_days",
                "Choose how long the key works.",
            ));
        }
        let state = AppState::from_context()?;
        crate::second_factor::step_up::confirm_fresh(
            &state,
            caller.signed_in()?,
            Some(&second_factor_code),
        )
        .await?;
        let now = chrono::Utc::now();
        let expires_at = (lifetime_days > 0).then(|| {
            crate::server::rfc3339(now + chrono::Duration::days(i64::from(lifetime_days)))
        });
        let mut tx = caller.begin_write(&state.writer).await?;
        let (key_id, secret) = super::rules::create(
            &mut tx,
            &caller,
            &name,
            &permissions,
            expires_at.as_deref(),
            &now_rfc3339(),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(account.id = %account_id, key.id = %key_id, "API key created");
        super::secret_handover::hand_over(NewKeySecret {
            key_id: key_id.clone(),
            name,
            secret: secret.as_str().to_owned(),
        })
        .await?;
        leptos_axum::redirect(&format!("/accounts/{account_id}/api-keys#new-key"));
        Ok(key_id)
    })
    .await
}
