//! What every door ends in: who is acting, in which account, with which rights, and how they
//! came in. Built only by a door (`account_door`, `key_door`); checked again inside every
//! write's transaction, so the rules decide on what the database holds then.

use super::MemberRights;
use crate::auth::CurrentUser;
use crate::db::{Db, Pool, Tx};
use crate::error::AppError;
use crate::permissions::{BuiltinRole, Permission, PermissionSet};

/// Who acts, and through which door: a signed-in user (a page session), or an API key of the
/// account (the API).
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
        let mut tx = crate::server::begin_write(writer).await?;
        self.recheck(&mut tx).await?;
        Ok(tx)
    }

    /// The check of [`Caller::begin_write`], on a transaction the caller already holds.
    pub async fn recheck(&mut self, conn: &mut dyn Db) -> Result<(), AppError> {
        let rights = match &self.actor {
            Actor::User(user) => {
                super::queries::member_rights(conn, &self.account_id, &user.id).await?
            }
            Actor::Key { id, .. } => {
                super::key_door::key_rights_now(conn, &self.account_id, id).await?
            }
        };
        let Some(MemberRights {
            permissions,
            is_owner,
            needs_second_factor,
        }) = rights
        else {
            return Err(match self.actor {
                Actor::User(_) => AppError::NotFound("The account".into()),
                Actor::Key { .. } => AppError::Unauthenticated,
            });
        };
        if needs_second_factor {
            return Err(AppError::SecondFactorRequired);
        }
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

    /// The grant rule, the one place it is written: nobody grants or takes away, through a role,
    /// an invitation or a role edit, a permission they do not hold themselves.
    pub fn may_grant(
        &self,
        permissions: impl IntoIterator<Item = Permission>,
    ) -> Result<(), NotHeld> {
        // What Base grants, every member holds already: giving or taking it is no escalation
        // (it matters for a key, which holds only what it was given).
        let everyone = BuiltinRole::Base.permissions();
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
}
