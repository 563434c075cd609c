//! Reads of the members table.

use super::MemberListRow;
use sqlx::SqliteConnection;

type ListRow = (i64, String, String, String, String, bool, Option<String>);

/// Members (the owner first, then by name) and then pending invitations, one page of them.
pub async fn page(
    conn: &mut SqliteConnection,
    account_id: &str,
    now: &str,
    limit: u32,
    offset: u32,
) -> Result<(Vec<MemberListRow>, u32), sqlx::Error> {
    let total: u32 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM memberships WHERE account_id = ?1)
              + (SELECT count(*) FROM invitations WHERE account_id = ?1 AND status = 'pending' AND expires_at > ?2)",
    )
    .bind(account_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<ListRow> = sqlx::query_as(
        "SELECT kind, id, name, email, since, is_owner, invited_by FROM (
             SELECT 0 AS kind, u.id AS id, u.display_name AS name, u.email AS email, m.joined_at AS since,
                    EXISTS (SELECT 1 FROM account_owners o WHERE o.account_id = m.account_id AND o.user_id = m.user_id) AS is_owner,
                    NULL AS invited_by
             FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.account_id = ?1
             UNION ALL
             SELECT 1, i.id, '', i.email, i.sent_at, 0, COALESCE(inviter.display_name, 'a former member')
             FROM invitations i LEFT JOIN users inviter ON inviter.id = i.invited_by
             WHERE i.account_id = ?1 AND i.status = 'pending' AND i.expires_at > ?2)
         ORDER BY kind, is_owner DESC, name COLLATE NOCASE, email
         LIMIT ?3 OFFSET ?4",
    )
    .bind(account_id)
    .bind(now)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let mut held = held_roles(&mut *conn, account_id, &rows).await?;
    let listed = rows
        .into_iter()
        .map(|(kind, id, name, email, since, is_owner, invited_by)| {
            let pending = kind == 1;
            let held = held.remove(&(pending, id.clone())).unwrap_or_default();
            let mut roles = Vec::new();
            if is_owner {
                roles.push("Owner".to_owned());
            }
            roles.extend(held.iter().map(|(_, name)| name.clone()));
            roles.push("Base".to_owned());
            MemberListRow {
                pending,
                id,
                name,
                email,
                roles,
                role_ids: held.into_iter().map(|(id, _)| id).collect(),
                is_owner,
                since,
                invited_by,
            }
        })
        .collect();
    Ok((listed, total))
}

type HeldRoles = std::collections::HashMap<(bool, String), Vec<(String, String)>>;

/// The roles held by every listed member and offered by every listed invitation, in one
/// statement (never one per row), keyed by (pending, id), each list in display order.
async fn held_roles(
    conn: &mut SqliteConnection,
    account_id: &str,
    rows: &[ListRow],
) -> Result<HeldRoles, sqlx::Error> {
    let ids_of = |pending: bool| {
        let ids: Vec<&str> = rows
            .iter()
            .filter(|row| (row.0 == 1) == pending)
            .map(|row| row.1.as_str())
            .collect();
        serde_json::to_string(&ids).unwrap_or_else(|_| "[]".to_owned())
    };
    let found: Vec<(bool, String, String, String)> = sqlx::query_as(
        "SELECT 0 AS pending, mr.user_id AS holder, r.id AS role_id, r.name AS role_name, r.builtin IS NULL AS custom
         FROM member_roles mr JOIN roles r ON r.id = mr.role_id
         WHERE mr.account_id = ?1 AND mr.user_id IN (SELECT value FROM json_each(?2))
         UNION ALL
         SELECT 1, ir.invitation_id, r.id, r.name, 0
         FROM invitation_roles ir JOIN roles r ON r.id = ir.role_id
         WHERE ir.invitation_id IN (SELECT value FROM json_each(?3))
         ORDER BY pending, holder, custom, role_name COLLATE NOCASE",
    )
    .bind(account_id)
    .bind(ids_of(false))
    .bind(ids_of(true))
    .fetch_all(&mut *conn)
    .await?;
    let mut held = HeldRoles::new();
    for (pending, holder, role_id, role_name) in found {
        held.entry((pending, holder))
            .or_default()
            .push((role_id, role_name));
    }
    Ok(held)
}
