//! The one authorization gate. Every server function that acts inside an account calls
//! [`authorize`] with the permission it needs: signed in → member of this account → holds it.
//! The caller's roles are read from the database on every call, so a change to them takes
//! effect on the next request.

use super::{AppState, require_user};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::permissions::{Permission, PermissionSet};
use crate::roles::queries::MemberRights;

/// Who is acting, in which account, with which effective permissions.
pub struct Caller {
    pub user: CurrentUser,
    pub account_id: String,
    pub permissions: PermissionSet,
    /// Whether the caller owns the account (read with the permissions).
    pub is_owner: bool,
}

impl Caller {
    /// No privilege escalation: a caller may only grant or take away what they hold themselves.
    pub fn require_all(
        &self,
        permissions: impl IntoIterator<Item = Permission>,
    ) -> Result<(), AppError> {
        let missing: Vec<&str> = permissions
            .into_iter()
            .filter(|p| !self.permissions.contains(*p))
            .map(Permission::name)
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(AppError::field(
                "permissions",
                format!(
                    "You can only grant or remove permissions you hold yourself; you do not hold {}.",
                    missing.join(", ")
                ),
            ))
        }
    }
}

pub async fn authorize(account_id: &str, needs: Permission) -> Result<Caller, AppError> {
    authorize_any(account_id, &[needs]).await
}

/// As [`authorize`], for an action that any one of several permissions allows.
pub async fn authorize_any(account_id: &str, any_of: &[Permission]) -> Result<Caller, AppError> {
    let user = require_user().await?;
    let state = AppState::from_context()?;
    let mut conn = state.pool.acquire().await?;
    let reading = &mut conn;
    let rights = super::PageReads::rights(account_id, || async {
        Ok(crate::roles::queries::member_rights(reading, account_id, &user.id).await?)
    })
    .await?;
    // Someone who is not a member learns nothing about the account, not even that it exists.
    let Some(MemberRights {
        permissions,
        is_owner,
    }) = rights
    else {
        tracing::info!(user.id = %user.id, account.id = %account_id, "refused: not a member");
        return Err(AppError::NotFound("The account".into()));
    };
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
                actor_id: &user.id,
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
    Ok(Caller {
        user,
        account_id: account_id.to_owned(),
        permissions,
        is_owner,
    })
}

/// True while a page is rendered for a GET: its sections ask with the viewer's rights, and a
/// section left out is no attempt to change anything.
pub(super) fn rendering_a_page() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .is_some_and(|parts| parts.method == http::Method::GET)
}
