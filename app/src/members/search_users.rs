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
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, now_rfc3339, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadUsers).await?;
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let role = crate::roles::queries::find_role(&mut conn, &account_id, &role_id)
            .await?
            .ok_or_else(|| AppError::field("role_id", "Choose a role."))?;
        let hits =
            super::search::search(&mut conn, &account_id, &role, &query, &now_rfc3339()).await?;
        Ok(SearchResults {
            hits,
            may_add: caller.permissions.contains(Permission::WriteUsers)
                && role
                    .permissions
                    .iter()
                    .all(|p| caller.permissions.contains(p)),
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
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, begin_write, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::WriteUsers).await?;
        let state = AppState::from_context()?;
        let mut tx = begin_write(&state.writer).await?;
        let mut held: Vec<String> = sqlx::query_scalar(
            "SELECT role_id FROM member_roles WHERE account_id = ? AND user_id = ?",
        )
        .bind(&account_id)
        .bind(&user_id)
        .fetch_all(&mut *tx)
        .await?;
        if !held.contains(&role_id) {
            held.push(role_id);
        }
        super::rules::set_roles(&mut tx, &caller, &user_id, &held).await?;
        tx.commit().await?;
        let page = crate::invitations::return_path(&account_id, &return_to);
        let separator = if page.contains('?') { '&' } else { '?' };
        leptos_axum::redirect(&format!(
            "{page}{separator}notice={}",
            crate::components::Notice::RolesSaved.key()
        ));
        Ok(())
    })
    .await
}
