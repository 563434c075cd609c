use super::ApiKeysView;
use crate::error::AppError;
use leptos::prelude::*;

/// The account's API keys (`read:api_keys`), the permissions the viewer may give a new one,
/// and, once, the secret of the key this browser just created.
#[server(prefix = "/api", endpoint = "api_keys")]
pub async fn api_keys(account_id: String) -> Result<ApiKeysView, AppError> {
    use super::GrantablePermission;
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadApiKeys).await?;
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let mut keys = super::queries::list(&mut conn, &account_id).await?;
        super::suspension::mark_suspended(&mut conn, &account_id, &mut keys).await?;
        let key_ids: Vec<&str> = keys.iter().map(|key| key.id.as_str()).collect();
        let new_secret = super::secret_handover::take(&key_ids).await?;
        let may_write = caller.permissions.contains(Permission::WriteApiKeys);
        let grantable = Permission::catalogue()
            .into_iter()
            .filter(|p| may_write && caller.permissions.contains(*p))
            .map(|p| GrantablePermission {
                name: p.name().to_owned(),
                description: p.description().to_owned(),
                group: p.group().title().to_owned(),
            })
            .collect();
        Ok(ApiKeysView {
            keys,
            may_write,
            grantable,
            new_secret,
            viewer_has_authenticator: caller.user().is_some_and(|user| user.has_authenticator),
        })
    })
    .await
}
