//! A key acts as its maker's delegate: it works only while the member who made it is still in
//! the account and holds every permission the key carries. Otherwise it stands suspended until
//! an admin adopts it (or it is revoked).

use crate::db::Db;
use crate::permissions::PermissionSet;

/// Why a key is suspended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suspension {
    /// The maker left, was removed or deleted their user.
    MakerGone,
    /// The maker is still a member but no longer holds these of the key's permissions.
    MakerLacks(Vec<&'static str>),
    /// The account requires a second factor, and the maker has none.
    MakerNeedsSecondFactor,
}

impl Suspension {
    /// Whether a key carrying `carried` is suspended, given what its maker holds in the account
    /// now (`None`: no maker, or not a member).
    pub fn of(carried: &PermissionSet, maker_holds: Option<&PermissionSet>) -> Option<Self> {
        let Some(held) = maker_holds else {
            return Some(Self::MakerGone);
        };
        let missing: Vec<&'static str> = carried
            .iter()
            .filter(|p| !held.contains(*p))
            .map(|p| p.name())
            .collect();
        (!missing.is_empty()).then_some(Self::MakerLacks(missing))
    }

    /// As [`Suspension::of`], from what the maker's door reads: their rights in the account,
    /// which also say whether it blocks them for want of a second factor.
    pub fn of_maker(carried: &PermissionSet, maker: Option<&super::MemberRights>) -> Option<Self> {
        if maker.is_some_and(|rights| rights.needs_second_factor) {
            return Some(Self::MakerNeedsSecondFactor);
        }
        Self::of(carried, maker.map(|rights| &rights.permissions))
    }

    /// What the refusal and the keys page say.
    pub fn reason(&self) -> String {
        match self {
            Self::MakerGone => {
                "This key is suspended: the member who made it is no longer in the account. An admin can adopt it on the API keys page.".to_owned()
            }
            Self::MakerNeedsSecondFactor => {
                "This key is suspended: the account requires a second factor, and the member who made it has none. It works again once they add one, or an admin adopts it on the API keys page.".to_owned()
            }
            Self::MakerLacks(missing) => format!(
                "This key is suspended: the member who made it no longer holds {}. An admin can adopt it on the API keys page.",
                missing.join(", ")
            ),
        }
    }
}

/// The suspension of a key carrying `carried`, made by `maker_id`, read now.
pub async fn suspension(
    conn: &mut dyn Db,
    account_id: &str,
    maker_id: Option<&str>,
    carried: &PermissionSet,
) -> Result<Option<Suspension>, sqlx::Error> {
    let Some(maker_id) = maker_id else {
        return Ok(Some(Suspension::MakerGone));
    };
    let rights = super::queries::member_rights(conn, account_id, maker_id).await?;
    Ok(Suspension::of_maker(carried, rights.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::Permission;

    fn set(permissions: &[Permission]) -> PermissionSet {
        PermissionSet::new(permissions.iter().copied())
    }

    #[test]
    fn a_key_whose_maker_holds_all_it_carries_works() {
        let carried = set(&[Permission::DeleteUsers]);
        let held = set(&[Permission::DeleteUsers, Permission::WriteInvites]);
        assert_eq!(Suspension::of(&carried, Some(&held)), None);
    }

    #[test]
    fn a_key_whose_maker_lost_a_permission_names_it() {
        let carried = set(&[Permission::DeleteUsers, Permission::WriteInvites]);
        let held = set(&[Permission::WriteInvites]);
        let suspension = Suspension::of(&carried, Some(&held)).unwrap();
        assert!(
            suspension.reason().contains("delete:users"),
            "{}",
            suspension.reason()
        );
    }

    #[test]
    fn a_key_whose_maker_is_gone_is_suspended() {
        let carried = set(&[Permission::ReadUsers]);
        assert_eq!(Suspension::of(&carried, None), Some(Suspension::MakerGone));
    }
}
