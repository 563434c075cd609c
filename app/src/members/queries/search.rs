//! The search behind the role dropdown: an index range per account, never a scan.

use crate::db::{self, Db};
use crate::members::{HitKind, SearchHit};
use crate::permissions::BuiltinRole;
use crate::roles::queries::StoredRole;

/// At most this many results: a search narrows, it does not list.
pub const LIMIT: i64 = 20;

/// The most terms one member has in the search index (address, name, name from its second
/// word): so the first `LIMIT * TERMS_PER_MEMBER` matching terms, read in index order, name at
/// least `LIMIT` members whenever that many match. Reading no further lets PostgreSQL stop
/// early instead of gathering every match to remove duplicates (a prefix matching 100,000
/// members took up to a second at 1,000,000).
const TERMS_PER_MEMBER: i64 = 3;

/// The upper bound of the range of terms that start with `prefix`.
fn after_prefix(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

pub async fn search(
    conn: &mut dyn Db,
    account_id: &str,
    role: &StoredRole,
    query: &str,
    now: &str,
) -> Result<Vec<SearchHit>, sqlx::Error> {
    // SQLite's lower() folds ASCII only; fold the query the same way.
    let prefix = query.trim().to_ascii_lowercase();
    if prefix.is_empty() {
        return Ok(Vec::new());
    }
    let upper = after_prefix(&prefix);
    let members: Vec<(String, String, String, bool)> = db::query_as(
        "SELECT u.id, u.display_name, u.email,
                CASE $4
                    WHEN 'base' THEN TRUE
                    WHEN 'owner' THEN EXISTS (SELECT 1 FROM account_owners o WHERE o.account_id = $1 AND o.user_id = u.id)
                    ELSE EXISTS (SELECT 1 FROM member_roles mr WHERE mr.account_id = $1 AND mr.user_id = u.id AND mr.role_id = $5)
                END
         FROM (SELECT DISTINCT user_id
               FROM (SELECT user_id FROM member_search
                     WHERE account_id = $1 AND term >= $2 AND term < $3
                     ORDER BY term LIMIT $7) first_terms
               LIMIT $6) hit
         JOIN users u ON u.id = hit.user_id
         ORDER BY u.email = $2 DESC, u.display_name COLLATE NOCASE, u.email",
    )
    .bind(account_id)
    .bind(&prefix)
    .bind(&upper)
    .bind(role.builtin.map(BuiltinRole::key).unwrap_or(""))
    .bind(&role.id)
    .bind(LIMIT)
    .bind(LIMIT * TERMS_PER_MEMBER)
    .fetch_all(&mut *conn)
    .await?;
    let mut hits: Vec<SearchHit> = members
        .into_iter()
        .map(|(user_id, name, email, holds)| SearchHit {
            kind: if holds {
                HitKind::Assigned
            } else {
                HitKind::AddToRole
            },
            user_id,
            name,
            email,
        })
        .collect();
    let invited: Vec<String> = db::query_scalar(
        "SELECT email FROM invitations
         WHERE account_id = $1 AND status = 'pending' AND email >= $2 AND email < $3 AND expires_at > $4
         ORDER BY email LIMIT $5",
    )
    .bind(account_id)
    .bind(&prefix)
    .bind(&upper)
    .bind(now)
    .bind(LIMIT)
    .fetch_all(&mut *conn)
    .await?;
    hits.extend(invited.into_iter().map(|email| SearchHit {
        kind: HitKind::Invited,
        user_id: String::new(),
        name: String::new(),
        email,
    }));
    if let Ok(email) = crate::domain::Email::parse(query)
        && !hits.iter().any(|h| h.email == email.as_str())
    {
        hits.insert(
            0,
            SearchHit {
                kind: HitKind::Invite,
                user_id: String::new(),
                name: String::new(),
                email: email.as_str().to_owned(),
            },
        );
    }
    hits.truncate(LIMIT as usize);
    Ok(hits)
}
