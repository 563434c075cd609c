//! The account's `second_factor_required_at`, and who among its members has no second factor.

use super::MemberWithout;
use crate::db::{self, Db};
use crate::second_factor::queries::HAS_SECOND_FACTOR;

pub struct Readiness {
    pub required_since: Option<String>,
    pub members_without: i64,
    pub owner_has_one: bool,
}

/// The policy, how many members have no second factor, and whether the owner has one: one
/// statement.
pub async fn readiness(conn: &mut dyn Db, account_id: &str) -> Result<Readiness, sqlx::Error> {
    let (required_since, members_without, owner_has_one): (Option<String>, i64, bool) =
        db::query_as(&format!(
            "SELECT a.second_factor_required_at,
                    (SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id
                     WHERE m.account_id = a.id AND NOT {HAS_SECOND_FACTOR}),
                    EXISTS (SELECT 1 FROM account_owners o JOIN users u ON u.id = o.user_id
                            WHERE o.account_id = a.id AND {HAS_SECOND_FACTOR})
             FROM accounts a WHERE a.id = $1"
        ))
        .bind(account_id)
        .fetch_one(conn)
        .await?;
    Ok(Readiness {
        required_since,
        members_without,
        owner_has_one,
    })
}

/// The first 50 members without a second factor, by name.
pub async fn members_without(
    conn: &mut dyn Db,
    account_id: &str,
) -> Result<Vec<MemberWithout>, sqlx::Error> {
    let rows: Vec<(String, String)> = db::query_as(&format!(
        "SELECT u.display_name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.account_id = $1 AND NOT {HAS_SECOND_FACTOR}
         ORDER BY u.display_name, u.email LIMIT 50"
    ))
    .bind(account_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(display_name, email)| MemberWithout {
            display_name,
            email,
        })
        .collect())
}

/// Sets the policy: required since `since`, or not (`None`). True when it changed.
pub async fn set_required(
    conn: &mut dyn Db,
    account_id: &str,
    since: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = db::query(
        "UPDATE accounts SET second_factor_required_at = $1
         WHERE id = $2 AND (second_factor_required_at IS NULL) <> ($1 IS NULL)",
    )
    .bind(since)
    .bind(account_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
