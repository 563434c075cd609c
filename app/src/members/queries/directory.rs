//! The members as a program walks them: by name, a page at a time after a cursor (the last
//! member's sort key), each with the roles they hold.

use crate::db::{self, Db};

/// A member with their roles (Base first, Owner when they own the account, then the roles
/// assigned by name), each as (id, name).
#[derive(Debug, Clone)]
pub struct ListedMember {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub joined_at: String,
    pub is_owner: bool,
    pub roles: Vec<(String, String)>,
    /// Where the next page starts when this member is the last of one.
    pub cursor: String,
}

/// Which members a page holds.
pub struct DirectoryFilter<'a> {
    /// A custom or Admin role's id: only its holders.
    pub role_id: Option<&'a str>,
    /// Only the owner (the filter by the Owner role).
    pub owner_only: bool,
    /// Part of a name or an address, any case.
    pub query: Option<&'a str>,
}

type Row = (String, String, String, String, String, bool);

/// One page of the directory: SQLite is told the index its planner does not always pick.
macro_rules! directory_page {
    ($index_hint:literal) => {
        concat!(
            "SELECT u.id, u.display_name, u.email, m.joined_at, m.sort_key,
                EXISTS (SELECT 1 FROM account_owners o WHERE o.account_id = m.account_id AND o.user_id = m.user_id)
         FROM memberships m ",
            $index_hint,
            "
         JOIN users u ON u.id = m.user_id
         WHERE m.account_id = $1 AND m.sort_key > $2
           AND ($3 = '' OR EXISTS (SELECT 1 FROM member_roles mr
                                   WHERE mr.account_id = $1 AND mr.user_id = m.user_id AND mr.role_id = $3))
           AND (NOT $4 OR m.user_id = (SELECT user_id FROM account_owners WHERE account_id = $1))
           AND ($5 = '' OR instr(lower(u.display_name || ' ' || u.email), lower($5)) > 0)
         ORDER BY m.sort_key
         LIMIT $6"
        )
    };
}
const PAGE: &str = directory_page!("INDEXED BY memberships_by_name");
const PAGE_POSTGRES: &str = directory_page!("");

/// Up to `limit` members after `after` (a cursor; none for the first page), walked by
/// `memberships_by_name`.
pub async fn page(
    conn: &mut dyn Db,
    account_id: &str,
    filter: &DirectoryFilter<'_>,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<ListedMember>, sqlx::Error> {
    let rows: Vec<Row> = db::query_as(conn.dialect().pick(PAGE, PAGE_POSTGRES))
        .bind(account_id)
        .bind(after.unwrap_or(""))
        .bind(filter.role_id.unwrap_or(""))
        .bind(filter.owner_only)
        .bind(filter.query.unwrap_or(""))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    with_roles(conn, account_id, rows).await
}

/// One member, or `None` when they are none.
pub async fn one(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
) -> Result<Option<ListedMember>, sqlx::Error> {
    let row: Option<Row> = db::query_as(
        "SELECT u.id, u.display_name, u.email, m.joined_at, m.sort_key,
                EXISTS (SELECT 1 FROM account_owners o WHERE o.account_id = m.account_id AND o.user_id = m.user_id)
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.account_id = $1 AND m.user_id = $2",
    )
    .bind(account_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(with_roles(conn, account_id, row.into_iter().collect())
        .await?
        .pop())
}

/// The rows with their roles: one more statement for the whole page.
async fn with_roles(
    conn: &mut dyn Db,
    account_id: &str,
    rows: Vec<Row>,
) -> Result<Vec<ListedMember>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(&rows.iter().map(|row| &row.0).collect::<Vec<_>>())
        .unwrap_or_default();
    // The built-in Base and Owner first (their ids), then each member's assigned roles.
    let held: Vec<(String, String, String, Option<String>)> = db::query_as(
        "SELECT '', r.id, r.name, r.builtin FROM roles r
         WHERE r.account_id = $1 AND r.builtin IN ('base', 'owner')
         UNION ALL
         SELECT mr.user_id, r.id, r.name, NULL
         FROM member_roles mr JOIN roles r ON r.id = mr.role_id
         WHERE mr.account_id = $1 AND mr.user_id IN (SELECT value FROM json_each($2))
         ORDER BY 1, 3",
    )
    .bind(account_id)
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    let builtin = |key: &str| {
        held.iter()
            .find(|(user, _, _, builtin)| user.is_empty() && builtin.as_deref() == Some(key))
            .map(|(_, id, role, _)| (id.clone(), role.clone()))
    };
    let (base, owner) = (builtin("base"), builtin("owner"));
    Ok(rows
        .into_iter()
        .map(
            |(user_id, display_name, email, joined_at, cursor, is_owner)| {
                let mut roles: Vec<(String, String)> = base.clone().into_iter().collect();
                if is_owner {
                    roles.extend(owner.clone());
                }
                roles.extend(
                    held.iter()
                        .filter(|(user, ..)| *user == user_id)
                        .map(|(_, id, name, _)| (id.clone(), name.clone())),
                );
                ListedMember {
                    user_id,
                    display_name,
                    email,
                    joined_at,
                    is_owner,
                    roles,
                    cursor,
                }
            },
        )
        .collect())
}
