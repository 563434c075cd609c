//! Reads of the members table; the rows membership changes write are in [`changes`], the
//! role dropdown's search in [`search`].

pub mod changes;
pub mod directory;
pub mod search;

use super::MemberListRow;
use crate::db::{self, Db};

/// kind (0 member, 1 invitation), id, name, email, since, owner, inviter, expiry, and an
/// invitation's mail: status, words, next try, reminder.
type ListRow = (
    i64,
    String,
    String,
    String,
    String,
    bool,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The members other than the owner, in the table's order, `$2` of them from the `$3`rd: the
/// index is walked from the account's first name, never the account sorted (the tests assert
/// its plan). SQLite is told the index, which its planner does not always pick on its own.
macro_rules! members_by_name {
    ($index_hint:literal) => {
        concat!(
            "SELECT CAST(0 AS BIGINT), u.id, u.display_name, u.email, m.joined_at, FALSE, NULL, NULL, NULL, NULL, NULL, NULL
             FROM memberships m ",
            $index_hint,
            " JOIN users u ON u.id = m.user_id
             WHERE m.account_id = $1
               AND m.user_id IS DISTINCT FROM (SELECT user_id FROM account_owners WHERE account_id = $1)
             ORDER BY m.sort_key
             LIMIT $2 OFFSET $3"
        )
    };
}
pub const MEMBERS_BY_NAME: &str = members_by_name!("INDEXED BY memberships_by_name");
const MEMBERS_BY_NAME_POSTGRES: &str = members_by_name!("");

/// Members (the owner first, then by name) and then pending invitations, one page of them.
/// Every read follows an index: the owner by the account, the others by `memberships_by_name`
/// from `offset`, the count from the account's kept `member_count`; only the account's few
/// pending invitations are sorted.
pub async fn page(
    conn: &mut dyn Db,
    account_id: &str,
    now: &str,
    limit: u32,
    offset: u32,
) -> Result<(Vec<MemberListRow>, u32), sqlx::Error> {
    let head = account_head(&mut *conn, account_id, now).await?;
    let (members, pending) = (head.members, head.pending);
    let mut rows: Vec<ListRow> = Vec::new();
    if offset < members {
        // The owner is the first row of the first page; everyone else follows by name.
        if offset == 0 {
            rows.extend(head.owner);
        }
        let after_owner = offset.saturating_sub(1);
        let wanted = limit.saturating_sub(u32::try_from(rows.len()).unwrap_or(limit));
        rows.extend(
            db::query_as::<ListRow>(
                conn.dialect()
                    .pick(MEMBERS_BY_NAME, MEMBERS_BY_NAME_POSTGRES),
            )
            .bind(account_id)
            .bind(wanted)
            .bind(after_owner)
            .fetch_all(&mut *conn)
            .await?,
        );
    }
    let room = limit.saturating_sub(u32::try_from(rows.len()).unwrap_or(limit));
    if room > 0 && pending > 0 {
        rows.extend(
            db::query_as::<ListRow>(
                "SELECT CAST(1 AS BIGINT), i.id, '', i.email, i.sent_at, FALSE, COALESCE(inviter.display_name, i.invited_by_label, 'a former member'), i.expires_at,
                        i.delivery_status, i.delivery_detail, i.delivery_retry_at, i.reminded_at
                 FROM invitations i LEFT JOIN users inviter ON inviter.id = i.invited_by
                 WHERE i.account_id = $1 AND i.status = 'pending' AND i.expires_at > $2
                 ORDER BY i.email
                 LIMIT $3 OFFSET $4",
            )
            .bind(account_id)
            .bind(now)
            .bind(room)
            .bind(offset.saturating_sub(members))
            .fetch_all(&mut *conn)
            .await?,
        );
    }
    let total = members + pending;
    let mut held = held_roles(&mut *conn, account_id, &rows).await?;
    let listed = rows
        .into_iter()
        .map(
            |(
                kind,
                id,
                name,
                email,
                since,
                is_owner,
                invited_by,
                expires_at,
                delivery_status,
                delivery_detail,
                delivery_retry_at,
                reminded_at,
            )| {
                let pending = kind == 1;
                let held = held.remove(&(pending, id.clone())).unwrap_or_default();
                let mut roles = Vec::new();
                if is_owner {
                    roles.push("Owner".to_owned());
                }
                roles.extend(held.iter().map(|(_, name)| name.clone()));
                roles.push(crate::permissions::BuiltinRole::Base.name().to_owned());
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
                    expires: expires_at.map(|at| crate::invitations::expiry_phrase(&at, now)),
                    delivery: delivery_status.map(|status| crate::invitations::MailDelivery {
                        status: crate::invitations::DeliveryStatus::from_key(&status),
                        detail: delivery_detail,
                        retry_at: delivery_retry_at,
                        reminded_at,
                    }),
                }
            },
        )
        .collect();
    Ok((listed, total))
}

/// What every page of the table starts from: how many members and open invitations the account
/// has (its kept `member_count`, and a count of its few pending invitations) and its owner's
/// row, the first of the first page, in one statement.
struct AccountHead {
    members: u32,
    pending: u32,
    owner: Option<ListRow>,
}

async fn account_head(
    conn: &mut dyn Db,
    account_id: &str,
    now: &str,
) -> Result<AccountHead, sqlx::Error> {
    type Row = (
        i64,
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = db::query_as(
        "SELECT a.member_count,
                (SELECT count(*) FROM invitations i
                 WHERE i.account_id = a.id AND i.status = 'pending' AND i.expires_at > $2),
                u.id, u.display_name, u.email, m.joined_at
         FROM accounts a
         LEFT JOIN account_owners o ON o.account_id = a.id
         LEFT JOIN memberships m ON m.account_id = o.account_id AND m.user_id = o.user_id
         LEFT JOIN users u ON u.id = m.user_id
         WHERE a.id = $1",
    )
    .bind(account_id)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    let Some((members, pending, id, name, email, joined)) = row else {
        return Ok(AccountHead {
            members: 0,
            pending: 0,
            owner: None,
        });
    };
    let owner = match (id, name, email, joined) {
        (Some(id), Some(name), Some(email), Some(joined)) => Some((
            0, id, name, email, joined, true, None, None, None, None, None, None,
        )),
        _ => None,
    };
    Ok(AccountHead {
        members: db::count(members),
        pending: db::count(pending),
        owner,
    })
}

type HeldRoles = std::collections::HashMap<(bool, String), Vec<(String, String)>>;

/// The roles held by every listed member and offered by every listed invitation, in one
/// statement (never one per row), keyed by (pending, id), each list in display order.
async fn held_roles(
    conn: &mut dyn Db,
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
    let found: Vec<(bool, String, String, String)> = db::query_as(
        "SELECT pending, holder, role_id, role_name FROM (
         SELECT FALSE AS pending, mr.user_id AS holder, r.id AS role_id, r.name AS role_name, r.builtin IS NULL AS custom
         FROM member_roles mr JOIN roles r ON r.id = mr.role_id
         WHERE mr.account_id = $1 AND mr.user_id IN (SELECT value FROM json_each($2))
         UNION ALL
         SELECT TRUE, ir.invitation_id, r.id, r.name, FALSE
         FROM invitation_roles ir JOIN roles r ON r.id = ir.role_id
         WHERE ir.invitation_id IN (SELECT value FROM json_each($3))
         ) held
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
