use super::InvitationsView;
use crate::error::AppError;
use leptos::prelude::*;

/// The open invitations of an account, or of those that carry `role_id`.
#[server(prefix = "/api", endpoint = "pending_invitations")]
pub async fn pending_invitations(
    account_id: String,
    #[server(default)] role_id: String,
) -> Result<InvitationsView, AppError> {
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadInvites).await?;
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let now = now_rfc3339();
        let role = (!role_id.is_empty()).then_some(role_id.as_str());
        let (invitations, expired) = match role {
            None => {
                let since = state.invitations.expired_listed_since();
                super::queries::listing::list_open_and_expired(&mut conn, &account_id, &now, &since)
                    .await?
            }
            Some(_) => (
                super::queries::listing::list_open(&mut conn, &account_id, role, &now).await?,
                Vec::new(),
            ),
        };
        // Unfiltered, the list is every open invitation of the account: no need to count again.
        let pending_in_account = match role {
            None => u32::try_from(invitations.len()).unwrap_or(u32::MAX),
            Some(_) => super::queries::count_open(&mut conn, &account_id, &now).await?,
        };
        let may_write = caller.permissions.contains(Permission::WriteInvites);
        let ids: Vec<&str> = invitations.iter().map(|i| i.id.as_str()).collect();
        let handed_over = if may_write {
            super::HANDED_OVER_LINK
                .take(&ids)
                .await?
                .map(|handed| super::HandedOverLink {
                    invitation_id: handed.subject_id,
                    email: handed.label,
                    link: handed.secret,
                })
        } else {
            None
        };
        Ok(InvitationsView {
            expired,
            expired_listed_days: state.invitations.expired_listed_for.as_secs() / 86_400,
            handed_over,
            invitations,
            may_resend: may_write,
            may_revoke: caller.permissions.contains(Permission::WriteInvites)
                || caller.permissions.contains(Permission::DeleteInvites),
            limit: state.invitations.pending_limit,
            pending_in_account,
        })
    })
    .await
}
