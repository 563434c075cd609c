//! The one authorization gate. Every server function that acts inside an account calls
//! [`authorize`] with the permission it needs: signed in → member of this account → holds it.
//! The caller's roles are read from the database on every call, so a change to them takes
//! effect on the next request.

use super::{AppState, require_user};
use crate::auth::CurrentUser;
use crate::db::{Db, Pool, Tx};
use crate::error::AppError;
use crate::permissions::{Permission, PermissionSet};
use crate::roles::queries::{MemberRights, StoredRole};

/// Who acts: a signed-in user (the pages), or an API key of the account (the API).
pub enum Actor {
    User(CurrentUser),
    Key { id: String, name: String },
}

/// Who is acting, in which account, with which effective permissions.
pub struct Caller {
    pub actor: Actor,
    pub account_id: String,
    pub permissions: PermissionSet,
    /// Whether the caller owns the account (read with the permissions).
    pub is_owner: bool,
    /// What the caller was let in for: checked again inside a write's transaction.
    authorized_for: Vec<Permission>,
}

/// Permissions a caller tried to grant or take away without holding them.
#[derive(Debug)]
pub struct NotHeld(pub Vec<&'static str>);

impl Caller {
    /// The caller as the gate lets them in: `rights` read for `user` in `account_id`, which hold
    /// one of `authorized_for`. Everything else gets a caller from [`authorize`].
    pub fn let_in(
        actor: Actor,
        account_id: &str,
        rights: MemberRights,
        authorized_for: &[Permission],
    ) -> Self {
        Self {
            actor,
            account_id: account_id.to_owned(),
            permissions: rights.permissions,
            is_owner: rights.is_owner,
            authorized_for: authorized_for.to_vec(),
        }
    }

    /// Begins a write's transaction (which takes the write lock first) and checks the caller
    /// again inside it: still a member, still holding what they were let in for. From then on
    /// the permissions and ownership are those the database holds now, so that the rules decide
    /// on them, not on what was true before the lock.
    pub async fn begin_write(&mut self, writer: &Pool) -> Result<Tx, AppError> {
        let mut tx = super::begin_write(writer).await?;
        self.recheck(&mut tx).await?;
        Ok(tx)
    }

    /// The check of [`Caller::begin_write`], on a transaction the caller already holds.
    pub async fn recheck(&mut self, conn: &mut dyn Db) -> Result<(), AppError> {
        let rights = match &self.actor {
            Actor::User(user) => {
                crate::roles::queries::member_rights(conn, &self.account_id, &user.id).await?
            }
            Actor::Key { id, .. } => {
                crate::api_keys::gate::key_rights_now(conn, &self.account_id, id).await?
            }
        };
        let Some(MemberRights {
            permissions,
            is_owner,
        }) = rights
        else {
            return Err(match self.actor {
                Actor::User(_) => AppError::NotFound("The account".into()),
                Actor::Key { .. } => AppError::Unauthenticated,
            });
        };
        if !self.authorized_for.iter().any(|p| permissions.contains(*p)) {
            return Err(AppError::Forbidden);
        }
        self.permissions = permissions;
        self.is_owner = is_owner;
        Ok(())
    }

    /// The signed-in user acting, if a user is (not a key).
    pub fn user(&self) -> Option<&CurrentUser> {
        match &self.actor {
            Actor::User(user) => Some(user),
            Actor::Key { .. } => None,
        }
    }

    /// The signed-in user, for what only a user can do (a page of their own, ownership).
    pub fn signed_in(&self) -> Result<&CurrentUser, AppError> {
        self.user().ok_or(AppError::Forbidden)
    }

    /// Whether `user_id` is the one acting.
    pub fn is_user(&self, user_id: &str) -> bool {
        self.user().is_some_and(|user| user.id == user_id)
    }

    /// The actor as the audit log records it.
    pub fn audit_actor(&self) -> crate::audit::AuditActor<'_> {
        match &self.actor {
            Actor::User(user) => crate::audit::AuditActor::User(&user.id),
            Actor::Key { id, name } => crate::audit::AuditActor::Key { id, name },
        }
    }

    /// The grant rule, the one place it is written: nobody grants or takes away, through a role,
    /// an invitation or a role edit, a permission they do not hold themselves.
    pub fn may_grant(
        &self,
        permissions: impl IntoIterator<Item = Permission>,
    ) -> Result<(), NotHeld> {
        // What Base grants, every member holds already: giving or taking it is no escalation
        // (it matters for a key, which holds only what it was given).
        let everyone = crate::roles::BuiltinRole::Base.permissions();
        let missing: Vec<&'static str> = permissions
            .into_iter()
            .filter(|p| !self.permissions.contains(*p) && !everyone.contains(*p))
            .map(Permission::name)
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(NotHeld(missing))
        }
    }

    /// [`Caller::may_grant`] for a role edit: a field error on `permissions` naming what is missing.
    pub fn may_grant_permissions(
        &self,
        permissions: impl IntoIterator<Item = Permission>,
    ) -> Result<(), AppError> {
        self.may_grant(permissions).map_err(|NotHeld(missing)| {
            AppError::field(
                "permissions",
                format!(
                    "You can only grant or remove permissions you hold yourself; you do not hold {}.",
                    missing.join(", ")
                ),
            )
        })
    }

    /// [`Caller::may_grant`] for giving a role (`doing`: "invite with", "give or take away"): a
    /// field error on `roles` naming the role.
    pub fn may_grant_role(&self, role: &StoredRole, doing: &str) -> Result<(), AppError> {
        self.may_grant(role.permissions.iter()).map_err(|_| {
            AppError::field(
                "roles",
                format!(
                    "You can only {doing} roles whose permissions you hold yourself; \u{201c}{}\u{201d} has some you do not.",
                    role.name
                ),
            )
        })
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
