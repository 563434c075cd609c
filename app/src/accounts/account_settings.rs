use super::AccountSettingsView;
use crate::error::AppError;
use leptos::prelude::*;

/// An account's settings page: its name and what deleting it would remove, for its members.
#[server(prefix = "/api", endpoint = "account_settings")]
pub async fn account_settings(account_id: String) -> Result<AccountSettingsView, AppError> {
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadAccount).await?;
        let state = AppState::from_context()?;
        let name = super::caller_account_name(&state, &caller).await?;
        let may_delete = caller.permissions.contains(Permission::DeleteAccount);
        // Only the confirmation of a deletion shows the counts.
        let mut conn = state.pool.acquire().await?;
        let (members, invitations) = if may_delete {
            super::queries::member_and_invitation_counts(&mut conn, &account_id, &now_rfc3339())
                .await?
        } else {
            (0, 0)
        };
        let second_factor = crate::second_factor::policy::of_account(&mut conn, &caller).await?;
        Ok(AccountSettingsView {
            id: account_id,
            name,
            members,
            invitations,
            may_rename: caller.permissions.contains(Permission::WriteAccount),
            may_delete,
            second_factor,
        })
    })
    .await
}
