//! Reads and writes of roles. Writers take an open transaction so that the change, its checks
//! and its audit event commit together.

pub mod held;

use super::{RoleMember, RoleName, RoleSummary};
use crate::db::{self, Db, Pool};
use crate::permissions::BuiltinRole;
use crate::permissions::{Permission, PermissionSet};

/// A role as stored, with its effective permissions (from code for built-in roles).
#[derive(Debug, Clone)]
pub struct StoredRole {
    pub id: String,
    pub account_id: String,
    pub name: String,
    pub description: String,
    pub builtin: Option<BuiltinRole>,
    pub permissions: PermissionSet,
    /// Stored names the catalogue no longer has (taken out of the permissions file): shown on
    /// the role, granting nothing.
    pub undeclared: Vec<String>,
}

pub enum RoleWriteError {
    NameTaken,
    Database(sqlx::Error),
}

impl From<sqlx::Error> for RoleWriteError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::NameTaken,
            _ => Self::Database(error),
        }
    }
}

pub async fn insert_builtin_roles(
    conn: &mut dyn Db,
    account_id: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    for role in BuiltinRole::ALL {
        db::query(
            "INSERT INTO roles (id, account_id, name, description, builtin, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(account_id)
        .bind(role.name())
        .bind(role.description())
        .bind(role.key())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn find_role(
    conn: &mut dyn Db,
    account_id: &str,
    role_id: &str,
) -> Result<Option<StoredRole>, sqlx::Error> {
    let row: Option<(String, String, String, String, Option<String>)> = db::query_as(
        "SELECT id, account_id, name, description, builtin FROM roles WHERE account_id = $1 AND id = $2",
    )
    .bind(account_id)
    .bind(role_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, account_id, name, description, builtin)) = row else {
        return Ok(None);
    };
    let builtin = builtin.as_deref().and_then(BuiltinRole::from_key);
    let (permissions, undeclared) = match builtin {
        Some(role) => (role.permissions(), Vec::new()),
        None => stored_permissions(conn, &id).await?,
    };
    Ok(Some(StoredRole {
        id,
        account_id,
        name,
        description,
        builtin,
        permissions,
        undeclared,
    }))
}

/// A custom role's stored permissions: those of the catalogue, and the names it no longer has
/// (which grant nothing).
async fn stored_permissions(
    conn: &mut dyn Db,
    role_id: &str,
) -> Result<(PermissionSet, Vec<String>), sqlx::Error> {
    let names: Vec<String> = db::query_scalar(
        "SELECT permission FROM role_permissions WHERE role_id = $1 ORDER BY permission",
    )
    .bind(role_id)
    .fetch_all(&mut *conn)
    .await?;
    let (known, undeclared): (Vec<String>, Vec<String>) = names
        .into_iter()
        .partition(|name| Permission::from_name(name).is_some());
    Ok((
        PermissionSet::new(known.iter().filter_map(|n| Permission::from_name(n))),
        undeclared,
    ))
}

pub async fn list_roles(pool: &Pool, account_id: &str) -> Result<Vec<RoleSummary>, sqlx::Error> {
    let rows: Vec<(String, String, String, Option<String>, i64, i64)> = db::query_as(
        "SELECT r.id, r.name, r.description, r.builtin,
                CASE r.builtin
                    WHEN 'base' THEN (SELECT count(*) FROM memberships m WHERE m.account_id = r.account_id)
                    WHEN 'owner' THEN 1
                    ELSE (SELECT count(*) FROM member_roles mr WHERE mr.role_id = r.id)
                END,
                (SELECT count(*) FROM role_permissions rp WHERE rp.role_id = r.id)
         FROM roles r
         WHERE r.account_id = $1
         ORDER BY CASE r.builtin WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 WHEN 'base' THEN 2 ELSE 3 END,
                  r.name COLLATE NOCASE",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, description, builtin, member_count, stored_count)| {
                let builtin = builtin.as_deref().and_then(BuiltinRole::from_key);
                let permission_count = match builtin {
                    Some(role) => role.permissions().len(),
                    None => usize::try_from(stored_count).unwrap_or_default(),
                };
                RoleSummary {
                    id,
                    name,
                    description,
                    builtin,
                    member_count,
                    permission_count,
                }
            },
        )
        .collect())
}

pub async fn role_members(
    conn: &mut dyn Db,
    role: &StoredRole,
) -> Result<Vec<RoleMember>, sqlx::Error> {
    let sql = match role.builtin {
        Some(BuiltinRole::Base) => {
            "SELECT u.id, u.display_name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.account_id = $1 ORDER BY u.display_name COLLATE NOCASE"
        }
        Some(BuiltinRole::Owner) => {
            "SELECT u.id, u.display_name, u.email FROM account_owners o JOIN users u ON u.id = o.user_id
             WHERE o.account_id = $1"
        }
        _ => {
            "SELECT u.id, u.display_name, u.email FROM member_roles mr JOIN users u ON u.id = mr.user_id
             WHERE mr.account_id = $1 AND mr.role_id = $2 ORDER BY u.display_name COLLATE NOCASE"
        }
    };
    let rows: Vec<(String, String, String)> = db::query_as(sql)
        .bind(&role.account_id)
        .bind(&role.id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, display_name, email)| RoleMember {
            user_id,
            display_name,
            email,
        })
        .collect())
}

pub async fn insert_custom_role(
    conn: &mut dyn Db,
    account_id: &str,
    name: &RoleName,
    description: &str,
    permissions: &PermissionSet,
) -> Result<String, RoleWriteError> {
    let id = uuid::Uuid::new_v4().to_string();
    db::query("INSERT INTO roles (id, account_id, name, description, builtin, created_at) VALUES ($1, $2, $3, $4, NULL, $5)")
        .bind(&id)
        .bind(account_id)
        .bind(name.as_str())
        .bind(description)
        .bind(crate::server::now_rfc3339())
        .execute(&mut *conn)
        .await?;
    replace_permissions(conn, &id, permissions).await?;
    Ok(id)
}

pub async fn rename_role(
    conn: &mut dyn Db,
    role_id: &str,
    name: &RoleName,
    description: &str,
) -> Result<(), RoleWriteError> {
    db::query("UPDATE roles SET name = $1, description = $2 WHERE id = $3 AND builtin IS NULL")
        .bind(name.as_str())
        .bind(description)
        .bind(role_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn replace_permissions(
    conn: &mut dyn Db,
    role_id: &str,
    permissions: &PermissionSet,
) -> Result<(), sqlx::Error> {
    db::query("DELETE FROM role_permissions WHERE role_id = $1")
        .bind(role_id)
        .execute(&mut *conn)
        .await?;
    for permission in permissions.iter() {
        db::query("INSERT INTO role_permissions (role_id, permission) VALUES ($1, $2)")
            .bind(role_id)
            .bind(permission.name())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// How many members hold the role (explicitly).
pub async fn holder_count(conn: &mut dyn Db, role_id: &str) -> Result<i64, sqlx::Error> {
    db::query_scalar("SELECT count(*) FROM member_roles WHERE role_id = $1")
        .bind(role_id)
        .fetch_one(&mut *conn)
        .await
}

/// How many pending invitations carry the role.
pub async fn pending_invitation_count(
    conn: &mut dyn Db,
    role_id: &str,
) -> Result<i64, sqlx::Error> {
    db::query_scalar(
        "SELECT count(*) FROM invitation_roles ir JOIN invitations i ON i.id = ir.invitation_id
         WHERE ir.role_id = $1 AND i.status = 'pending'",
    )
    .bind(role_id)
    .fetch_one(&mut *conn)
    .await
}

/// Unassigns the role from every member and invitation, then deletes it. Returns how many
/// members held it.
pub async fn delete_custom_role(conn: &mut dyn Db, role_id: &str) -> Result<u64, sqlx::Error> {
    let unassigned = db::query("DELETE FROM member_roles WHERE role_id = $1")
        .bind(role_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    db::query("DELETE FROM invitation_roles WHERE role_id = $1")
        .bind(role_id)
        .execute(&mut *conn)
        .await?;
    db::query("DELETE FROM roles WHERE id = $1 AND builtin IS NULL")
        .bind(role_id)
        .execute(&mut *conn)
        .await?;
    Ok(unassigned)
}

/// The first free name of the form "<name> (copy)", "<name> (copy 2)", …
pub async fn free_copy_name(
    conn: &mut dyn Db,
    account_id: &str,
    name: &str,
) -> Result<String, sqlx::Error> {
    let base: String = name.chars().take(50).collect();
    for n in 1..1000 {
        let candidate = if n == 1 {
            format!("{base} (copy)")
        } else {
            format!("{base} (copy {n})")
        };
        let taken: bool = db::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM roles WHERE account_id = $1 AND lower(name) = lower($2))",
        )
        .bind(account_id)
        .bind(&candidate)
        .fetch_one(&mut *conn)
        .await?;
        if !taken {
            return Ok(candidate);
        }
    }
    Ok(format!("{base} ({})", uuid::Uuid::new_v4().simple()))
}
