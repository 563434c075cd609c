//! What a token says of the person in one account: the account's name, the roles they hold
//! (by name, Base included) and their permissions, flat (`verb:resource`, the product's own
//! included). Read afresh for every token, refresh and introspection.

use crate::db::Db;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberClaims {
    pub account_name: String,
    pub roles: Vec<String>,
    pub permissions: Vec<String>,
    /// The account requires a second factor this member lacks: no token names it.
    pub needs_second_factor: bool,
}

/// `None` when `user_id` is not a member of the account (or either is gone).
pub async fn member_claims(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
) -> Result<Option<MemberClaims>, sqlx::Error> {
    let Some(rights) = crate::access::queries::member_rights(conn, account_id, user_id).await?
    else {
        return Ok(None);
    };
    let Some((account_name, mut roles)) =
        super::queries::account_and_role_names(conn, account_id, user_id).await?
    else {
        return Ok(None);
    };
    roles.sort();
    Ok(Some(MemberClaims {
        account_name,
        roles,
        permissions: rights.permissions.names(),
        needs_second_factor: rights.needs_second_factor,
    }))
}

/// One entry of the ID token's `accounts`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AccountClaim {
    pub id: String,
    pub name: String,
    pub roles: Vec<String>,
}
