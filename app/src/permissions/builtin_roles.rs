use crate::permissions::{Permission, PermissionSet};
use serde::{Deserialize, Serialize};

/// The roles every account has from its creation. Their permissions are fixed here, in code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BuiltinRole {
    /// Held by every member: the minimum.
    Base,
    /// Every permission except changing the account itself.
    Admin,
    /// Every permission; exactly one member holds it.
    Owner,
}

impl BuiltinRole {
    pub const ALL: [BuiltinRole; 3] = [Self::Base, Self::Admin, Self::Owner];

    /// The value of `roles.builtin` in the database.
    pub fn key(self) -> &'static str {
        match self {
            Self::Base => "base",
            Self::Admin => "admin",
            Self::Owner => "owner",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.key() == key)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Base => "Base",
            Self::Admin => "Admin",
            Self::Owner => "Owner",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::Base => "Held by every member: the minimum.",
            Self::Admin => "Every permission except changing the account itself.",
            Self::Owner => "Every permission. Exactly one member holds it.",
        }
    }

    pub fn permissions(self) -> PermissionSet {
        match self {
            // The deployment's file may give every member some of its permissions.
            Self::Base => PermissionSet::new(
                [Permission::ReadProfile, Permission::ReadAccount]
                    .into_iter()
                    .chain(
                        crate::permissions::product::declared()
                            .into_iter()
                            .filter(|p| p.base)
                            .map(|p| Permission::Product(p.name)),
                    ),
            ),
            Self::Admin => PermissionSet::new(
                Permission::catalogue()
                    .into_iter()
                    .filter(|p| !matches!(p, Permission::WriteAccount | Permission::DeleteAccount)),
            ),
            Self::Owner => PermissionSet::all(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_holds_only_the_minimum_of_roster_s_own() {
        let own: Vec<Permission> = BuiltinRole::Base
            .permissions()
            .iter()
            .filter(|p| !matches!(p, Permission::Product(_)))
            .collect();
        assert_eq!(own, vec![Permission::ReadAccount, Permission::ReadProfile]);
    }

    #[test]
    fn admin_holds_every_declared_permission_and_base_those_the_file_gives_everyone() {
        use crate::permissions::product::{ProductPermission, declare};
        let probe = |name, base| ProductPermission {
            name,
            group: "Probes",
            description: "A permission of this test.",
            base,
        };
        declare(&[
            probe("read:builtin_probes", true),
            probe("write:builtin_probes", false),
        ]);
        let admin = BuiltinRole::Admin.permissions();
        assert!(admin.contains(Permission::Product("write:builtin_probes")));
        assert!(admin.contains(Permission::Product("read:builtin_probes")));
        let base = BuiltinRole::Base.permissions();
        assert!(base.contains(Permission::Product("read:builtin_probes")));
        assert!(!base.contains(Permission::Product("write:builtin_probes")));
        assert_eq!(
            Permission::Product("write:builtin_probes").implied_read(),
            Some(Permission::Product("read:builtin_probes"))
        );
    }

    #[test]
    fn admin_holds_everything_but_the_account_writes() {
        let admin = BuiltinRole::Admin.permissions();
        assert!(!admin.contains(Permission::WriteAccount));
        assert!(!admin.contains(Permission::DeleteAccount));
        assert!(admin.contains(Permission::ReadAccount));
        let own = admin
            .iter()
            .filter(|p| !matches!(p, Permission::Product(_)))
            .count();
        assert_eq!(own, Permission::ALL.len() - 2);
    }

    #[test]
    fn owner_holds_every_permission() {
        assert_eq!(BuiltinRole::Owner.permissions(), PermissionSet::all());
    }

    #[test]
    fn keys_round_trip() {
        for role in BuiltinRole::ALL {
            assert_eq!(BuiltinRole::from_key(role.key()), Some(role));
        }
    }
}
