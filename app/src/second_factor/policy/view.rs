use serde::{Deserialize, Serialize};

/// The account's second-factor policy, as its settings page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorPolicy {
    /// Since when a second factor is required (`None`: it is not).
    pub required_since: Option<String>,
    /// Whether the viewer may turn it on or off (`write:account`).
    pub may_change: bool,
    /// Members without a second factor (the first 50, by name; only for those who may change
    /// the policy): who would be blocked, or is.
    pub members_without: Vec<MemberWithout>,
    pub members_without_count: i64,
    /// Whether the viewer has one: turning it on needs it.
    pub you_have_one: bool,
    /// Whether the owner has one: turning it on needs it too.
    pub owner_has_one: bool,
    /// Whether the viewer has an authenticator app (changing the policy, and deleting the
    /// account, ask for its code).
    #[serde(default)]
    pub you_have_authenticator: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberWithout {
    pub display_name: String,
    pub email: String,
}

/// The policy of the caller's account, with who is not ready when the caller may change it.
#[cfg(feature = "ssr")]
pub async fn of_account(
    conn: &mut dyn crate::db::Db,
    caller: &crate::access::Caller,
) -> Result<SecondFactorPolicy, crate::error::AppError> {
    use crate::permissions::Permission;
    let may_change = caller.permissions.contains(Permission::WriteAccount);
    let readiness = super::queries::readiness(&mut *conn, &caller.account_id).await?;
    let (members_without, members_without_count) = if may_change {
        let listed = super::queries::members_without(&mut *conn, &caller.account_id).await?;
        (listed, readiness.members_without)
    } else {
        (Vec::new(), 0)
    };
    let you_have_one = match caller.user() {
        Some(user) => crate::second_factor::queries::has_second_factor(conn, &user.id).await?,
        None => false,
    };
    Ok(SecondFactorPolicy {
        required_since: readiness.required_since,
        may_change,
        members_without,
        members_without_count,
        you_have_one,
        owner_has_one: readiness.owner_has_one,
        you_have_authenticator: caller.user().is_some_and(|user| user.has_authenticator),
    })
}
