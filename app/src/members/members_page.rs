use super::MembersListing;
use crate::error::AppError;
use leptos::prelude::*;

/// One page of the members table (members, then pending invitations), for `read:users`; with
/// `keys_of`, the live API keys that member made (a dialog about them names them).
#[server(prefix = "/api", endpoint = "members_page")]
pub async fn members_page(
    account_id: String,
    #[server(default)] page: u32,
    #[server(default)] keys_of: String,
) -> Result<MembersListing, AppError> {
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadUsers).await?;
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let page = page.max(1);
        let (rows, total) = super::queries::page(
            &mut conn,
            &account_id,
            &now_rfc3339(),
            MembersListing::PAGE_SIZE,
            (page - 1) * MembersListing::PAGE_SIZE,
        )
        .await?;
        let assignable = crate::invitations::role_choices_for(&state, &caller).await?;
        let may_name_keys = caller.permissions.contains(Permission::ReadApiKeys);
        let keys_made = if keys_of.is_empty() {
            Vec::new()
        } else {
            let names = crate::api_keys::queries::live_keys_made_by(
                &mut conn,
                &account_id,
                &keys_of,
                &now_rfc3339(),
            )
            .await?;
            names
                .into_iter()
                .map(|name| {
                    let name = if may_name_keys {
                        format!("\u{201c}{name}\u{201d}")
                    } else {
                        "an API key".to_owned()
                    };
                    (keys_of.clone(), name)
                })
                .collect()
        };
        // Named in the removal dialog: the invitations they sent that still wait (only to a
        // viewer who may revoke them with the removal).
        let may_revoke = caller.permissions.contains(Permission::WriteInvites)
            || caller.permissions.contains(Permission::DeleteInvites);
        let invitations_sent = if keys_of.is_empty() || !may_revoke {
            Vec::new()
        } else {
            crate::invitations::queries::pending_sent_by(
                &mut conn,
                &account_id,
                &keys_of,
                &now_rfc3339(),
            )
            .await?
        };
        Ok(MembersListing {
            invitations_sent,
            rows,
            page,
            pages: total.div_ceil(MembersListing::PAGE_SIZE).max(1),
            total,
            me: caller.signed_in()?.id.clone(),
            me_name: caller.signed_in()?.display_name.clone(),
            me_has_authenticator: caller.signed_in()?.has_authenticator,
            i_am_owner: caller.is_owner,
            caller_permissions: caller.permissions.names(),
            assignable,
            keys_made,
        })
    })
    .await
}
