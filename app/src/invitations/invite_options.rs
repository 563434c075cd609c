use super::RoleChoice;
use crate::error::AppError;
use leptos::prelude::*;

/// The roles the caller may choose from when inviting.
#[server(prefix = "/api", endpoint = "invite_options")]
pub async fn invite_options(account_id: String) -> Result<Vec<RoleChoice>, AppError> {
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::WriteInvites).await?;
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let choices =
            super::queries::role_choices(&mut conn, &account_id, &caller.permissions).await?;
        Ok(choices)
    })
    .await
}
