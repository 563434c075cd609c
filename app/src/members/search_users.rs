use super::SearchResults;
use crate::error::AppError;
use leptos::prelude::*;

/// Members and pending invitations of this account whose name or email starts with `query`
/// (any word of the name), each classified against `role_id`; a typed address that matches
/// nobody is offered for invitation. Only this account is searched.
#[server(prefix = "/api", endpoint = "search_users")]
pub async fn search_users(
    account_id: String,
    role_id: String,
    query: String,
) -> Result<SearchResults, AppError> {
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadUsers).await?;
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let role = crate::roles::queries::find_role(&mut conn, &account_id, &role_id)
            .await?
            .ok_or_else(|| AppError::field("role_id", "Choose a role."))?;
        let hits =
            super::queries::search::search(&mut conn, &account_id, &role, &query, &now_rfc3339())
                .await?;
        Ok(SearchResults {
            hits,
            may_add: caller.permissions.contains(Permission::WriteUsers)
                && caller.may_grant(role.permissions.iter()).is_ok(),
            may_invite: caller.permissions.contains(Permission::WriteInvites),
        })
    })
    .await
}

/// Gives one member one more role: the search's "Add to role".
#[server(prefix = "/api", endpoint = "add_to_role")]
pub async fn add_to_role(
    account_id: String,
    user_id: String,
    role_id: String,
    #[server(default)] return_to: String,
) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteUsers).await?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        super::rules::add_role(&mut tx, &caller, &user_id, &role_id).await?;
        tx.commit().await?;
        let page = crate::invitations::return_path(&account_id, &return_to);
        leptos_axum::redirect(&crate::domain::Notice::RolesSaved.added_to(&page));
        Ok(())
    })
    .await
}
