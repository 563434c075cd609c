//! The door of a signed-in user into one account: signed in → member of this account → holds
//! the permission. The caller's rights are read from the database on every call, so a change to
//! them takes effect on the next request.

use super::{Actor, Caller, MemberRights, PageReads, require_user};
use crate::error::AppError;
use crate::permissions::Permission;
use crate::server::AppState;

/// The caller of a server function that acts inside `account_id` and needs `needs`.
pub async fn authorize(account_id: &str, needs: Permission) -> Result<Caller, AppError> {
    authorize_any(account_id, &[needs]).await
}

/// As [`authorize`], for an action that any one of several permissions allows.
pub async fn authorize_any(account_id: &str, any_of: &[Permission]) -> Result<Caller, AppError> {
    let user = require_user().await?;
    let state = AppState::from_context()?;
    let mut conn = state.pool.acquire().await?;
    let reading = &mut conn;
    let rights = PageReads::rights(account_id, || async {
        Ok(super::queries::member_rights(reading, account_id, &user.id).await?)
    })
    .await?;
    // Someone who is not a member learns nothing about the account, not even that it exists.
    let Some(MemberRights {
        permissions,
        is_owner,
        needs_second_factor,
    }) = rights
    else {
        tracing::info!(user.id = %user.id, account.id = %account_id, "refused: not a member");
        return Err(AppError::NotFound("The account".into()));
    };
    // Still a member, but nothing of the account opens until they add a second factor.
    if needs_second_factor {
        tracing::info!(user.id = %user.id, account.id = %account_id, "refused: needs a second factor");
        return Err(AppError::SecondFactorRequired);
    }
    if !any_of.iter().any(|p| permissions.contains(*p)) {
        tracing::info!(
            user.id = %user.id,
            account.id = %account_id,
            needs = ?any_of.iter().map(|p| p.name()).collect::<Vec<_>>(),
            "refused: missing permission"
        );
        // A member trying to change what they may not is worth an audit row. A refused look is
        // only logged: reading a page must never write (nor take the write lock).
        if any_of.iter().all(|p| p.is_read()) || rendering_a_page() {
            return Err(AppError::Forbidden);
        }
        crate::audit::record(
            &mut conn,
            crate::audit::AuditEvent {
                account_id,
                actor: crate::audit::AuditActor::User(&user.id),
                action: crate::audit::AuditAction::AuthorizationRefused,
                target_kind: "permission",
                target_id: any_of[0].name(),
                target_name: any_of[0].name(),
                details: serde_json::json!({ "needs": any_of.iter().map(|p| p.name()).collect::<Vec<_>>() }),
            },
        )
        .await?;
        return Err(AppError::Forbidden);
    }
    Ok(Caller::let_in(
        Actor::User(user),
        account_id,
        MemberRights {
            permissions,
            is_owner,
            needs_second_factor,
        },
        any_of,
    ))
}

/// True while a page is rendered for a GET: its sections ask with the viewer's rights, and a
/// section left out is no attempt to change anything.
pub(super) fn rendering_a_page() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .is_some_and(|parts| parts.method == http::Method::GET)
}
