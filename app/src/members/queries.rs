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
    let mut listed = Vec::with_capacity(rows.len());
    for (kind, id, name, email, since, is_owner, invited_by) in rows {
        let pending = kind == 1;
        let held: Vec<(String, String)> = if pending {
            sqlx::query_as(
                "SELECT r.id, r.name FROM invitation_roles ir JOIN roles r ON r.id = ir.role_id
                 WHERE ir.invitation_id = ? ORDER BY r.name COLLATE NOCASE",
            )
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?
        } else {
            sqlx::query_as(
                "SELECT r.id, r.name FROM member_roles mr JOIN roles r ON r.id = mr.role_id
                 WHERE mr.account_id = ? AND mr.user_id = ? ORDER BY r.builtin IS NULL, r.name COLLATE NOCASE",
            )
            .bind(account_id)
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?
        };
        let mut roles = Vec::new();
        if is_owner {
            roles.push("Owner".to_owned());
        }
        roles.extend(held.iter().map(|(_, name)| name.clone()));
        roles.push("Base".to_owned());
        listed.push(MemberListRow {
            pending,
            id,
            name,
            email,
            roles,
            role_ids: held.into_iter().map(|(id, _)| id).collect(),
            is_owner,
            since,
            invited_by,
        });
    }
    Ok((listed, total))
}
