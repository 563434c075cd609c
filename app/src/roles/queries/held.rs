//! The roles one member holds, each with what it allows: the answer behind "may this user do
//! this?", which names the roles that allow it.

use crate::db::{self, Db};
use crate::permissions::BuiltinRole;
use crate::permissions::{Permission, PermissionSet};

/// Every role the member holds, named, with its permissions: Base always, Owner when they own
/// the account, then the roles assigned. `None` when they are not a member. One statement.
pub async fn held_roles(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
) -> Result<Option<Vec<(String, PermissionSet)>>, sqlx::Error> {
    let rows: Vec<(bool, String, Option<String>, Option<String>)> = db::query_as(
        "SELECT TRUE, '', CASE WHEN EXISTS (SELECT 1 FROM account_owners o
                                         WHERE o.account_id = m.account_id AND o.user_id = m.user_id)
                            THEN 'owner' ELSE NULL END, NULL
         FROM memberships m WHERE m.account_id = $1 AND m.user_id = $2
         UNION ALL
         SELECT FALSE, r.name, r.builtin, rp.permission
         FROM member_roles mr
         JOIN roles r ON r.id = mr.role_id
         LEFT JOIN role_permissions rp ON rp.role_id = r.id AND r.builtin IS NULL
         WHERE mr.account_id = $1 AND mr.user_id = $2",
    )
    .bind(account_id)
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    let Some((_, _, ownership, _)) = rows.iter().find(|(is_membership, ..)| *is_membership) else {
        return Ok(None);
    };
    let mut roles = vec![(
        BuiltinRole::Base.name().to_owned(),
        BuiltinRole::Base.permissions(),
    )];
    if ownership.is_some() {
        roles.push((
            BuiltinRole::Owner.name().to_owned(),
            BuiltinRole::Owner.permissions(),
        ));
    }
    for (_, name, builtin, permission) in rows.iter().filter(|(is_membership, ..)| !is_membership) {
        let builtin = builtin.as_deref().and_then(BuiltinRole::from_key);
        let granted = builtin.map_or_else(
            || PermissionSet::new(permission.as_deref().and_then(Permission::from_name)),
            BuiltinRole::permissions,
        );
        match roles.iter_mut().find(|(held, _)| held == name) {
            Some((_, permissions)) => *permissions = permissions.union(&granted),
            None => roles.push((name.clone(), granted)),
        }
    }
    Ok(Some(roles))
}
