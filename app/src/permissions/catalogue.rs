use super::product;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One thing a member may do in an account, named `verb:resource` as the reference product
/// names them. Stored in the database by its name, which must therefore never change.
/// Roster's own are variants; the deployment's (`--permissions-file`) are `Product`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Permission {
    ReadUsers,
    WriteUsers,
    DeleteUsers,
    ReadInvites,
    WriteInvites,
    DeleteInvites,
    ReadRoles,
    WriteRoles,
    DeleteRoles,
    ReadAccount,
    WriteAccount,
    DeleteAccount,
    ReadAuditLog,
    ReadProfile,
    ReadApiKeys,
    WriteApiKeys,
    ReadWebhooks,
    WriteWebhooks,
    /// One the deployment declared, by its name.
    Product(&'static str),
}

/// Sent and received as its name.
impl Serialize for Permission {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Permission {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Self::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("no permission {name:?}")))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionGroup {
    IdentityAndAccess,
    Account,
    Audit,
    Profile,
    Programs,
    /// A group of the deployment's permissions, by its title.
    Product(&'static str),
}

impl PermissionGroup {
    pub const ALL: [PermissionGroup; 5] = [
        Self::IdentityAndAccess,
        Self::Account,
        Self::Audit,
        Self::Profile,
        Self::Programs,
    ];

    /// Roster's groups, then the deployment's in the order of its file.
    pub fn catalogue() -> Vec<Self> {
        let mut groups = Self::ALL.to_vec();
        groups.extend(product::groups().into_iter().map(Self::Product));
        groups
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Product(title) => title,
            Self::IdentityAndAccess => "Identity and access",
            Self::Account => "Account",
            Self::Audit => "Audit",
            Self::Profile => "Profile",
            Self::Programs => "Programs",
        }
    }

    pub fn permissions(self) -> impl Iterator<Item = Permission> {
        Permission::catalogue()
            .into_iter()
            .filter(move |p| p.group() == self)
    }
}

impl Permission {
    pub const ALL: [Permission; 18] = [
        Self::ReadUsers,
        Self::WriteUsers,
        Self::DeleteUsers,
        Self::ReadInvites,
        Self::WriteInvites,
        Self::DeleteInvites,
        Self::ReadRoles,
        Self::WriteRoles,
        Self::DeleteRoles,
        Self::ReadAccount,
        Self::WriteAccount,
        Self::DeleteAccount,
        Self::ReadAuditLog,
        Self::ReadProfile,
        Self::ReadApiKeys,
        Self::WriteApiKeys,
        Self::ReadWebhooks,
        Self::WriteWebhooks,
    ];

    /// Roster's own and the deployment's.
    pub fn catalogue() -> Vec<Self> {
        let mut all = Self::ALL.to_vec();
        all.extend(
            product::declared()
                .into_iter()
                .map(|p| Self::Product(p.name)),
        );
        all
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Product(name) => name,
            Self::ReadUsers => "read:users",
            Self::WriteUsers => "write:users",
            Self::DeleteUsers => "delete:users",
            Self::ReadInvites => "read:invites",
            Self::WriteInvites => "write:invites",
            Self::DeleteInvites => "delete:invites",
            Self::ReadRoles => "read:roles",
            Self::WriteRoles => "write:roles",
            Self::DeleteRoles => "delete:roles",
            Self::ReadAccount => "read:account",
            Self::WriteAccount => "write:account",
            Self::DeleteAccount => "delete:account",
            Self::ReadAuditLog => "read:audit_log",
            Self::ReadProfile => "read:profile",
            Self::ReadApiKeys => "read:api_keys",
            Self::WriteApiKeys => "write:api_keys",
            Self::ReadWebhooks => "read:webhooks",
            Self::WriteWebhooks => "write:webhooks",
        }
    }

    /// Roster's permission or a declared one of this name. A name no longer declared is none:
    /// a role that still holds it is granted nothing by it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.name() == name)
            .or_else(|| product::find(name).map(|p| Self::Product(p.name)))
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::Product(name) => {
                product::find(name).map_or("No longer declared: grants nothing.", |p| p.description)
            }
            Self::ReadUsers => "See the account's members and their roles.",
            Self::WriteUsers => "Change which roles a member holds.",
            Self::DeleteUsers => "Remove members from the account.",
            Self::ReadInvites => "See pending invitations.",
            Self::WriteInvites => "Invite people, resend and revoke invitations.",
            Self::DeleteInvites => "Revoke pending invitations.",
            Self::ReadRoles => "See roles and what each allows.",
            Self::WriteRoles => "Create custom roles, rename them and change their permissions.",
            Self::DeleteRoles => "Delete custom roles.",
            Self::ReadAccount => "See the account's name and settings.",
            Self::WriteAccount => "Rename the account and transfer its ownership (owner only).",
            Self::DeleteAccount => "Delete the account.",
            Self::ReadAuditLog => "See the audit log of changes made in the account.",
            Self::ReadProfile => "See your own profile.",
            Self::ReadApiKeys => "See the account's API keys (never their secrets).",
            Self::WriteApiKeys => {
                "Create API keys for programs (with permissions you hold) and revoke them."
            }
            Self::ReadWebhooks => "See the account's webhook endpoints and their deliveries.",
            Self::WriteWebhooks => "Add and remove webhook endpoints, and deliver an event again.",
        }
    }

    pub fn group(self) -> PermissionGroup {
        match self {
            Self::Product(name) => PermissionGroup::Product(
                product::find(name).map_or("No longer declared", |p| p.group),
            ),
            Self::ReadUsers
            | Self::WriteUsers
            | Self::DeleteUsers
            | Self::ReadInvites
            | Self::WriteInvites
            | Self::DeleteInvites
            | Self::ReadRoles
            | Self::WriteRoles
            | Self::DeleteRoles => PermissionGroup::IdentityAndAccess,
            Self::ReadAccount | Self::WriteAccount | Self::DeleteAccount => {
                PermissionGroup::Account
            }
            Self::ReadAuditLog => PermissionGroup::Audit,
            Self::ReadProfile => PermissionGroup::Profile,
            Self::ReadApiKeys | Self::WriteApiKeys | Self::ReadWebhooks | Self::WriteWebhooks => {
                PermissionGroup::Programs
            }
        }
    }

    /// A `read:*` permission only lets its holder look.
    pub fn is_read(self) -> bool {
        self.name().starts_with("read:")
    }

    /// The `read:*` permission that a `write:*` or `delete:*` grant brings with it.
    pub fn implied_read(self) -> Option<Self> {
        match self {
            Self::WriteUsers | Self::DeleteUsers => Some(Self::ReadUsers),
            Self::WriteInvites | Self::DeleteInvites => Some(Self::ReadInvites),
            Self::WriteRoles | Self::DeleteRoles => Some(Self::ReadRoles),
            Self::WriteAccount | Self::DeleteAccount => Some(Self::ReadAccount),
            Self::WriteApiKeys => Some(Self::ReadApiKeys),
            Self::WriteWebhooks => Some(Self::ReadWebhooks),
            Self::Product(name) => match name.split_once(':') {
                Some(("write" | "delete", resource)) => {
                    Self::from_name(&format!("read:{resource}"))
                }
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permission_round_trips_through_its_stored_name() {
        for permission in Permission::ALL {
            assert_eq!(Permission::from_name(permission.name()), Some(permission));
        }
        assert_eq!(Permission::from_name("write:everything"), None);
    }

    #[test]
    fn names_are_verb_colon_resource_and_unique() {
        let mut names: Vec<_> = Permission::ALL.iter().map(|p| p.name()).collect();
        assert!(names.iter().all(|n| n.split_once(':').is_some()));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Permission::ALL.len());
    }

    #[test]
    fn every_permission_is_in_exactly_one_group_and_described() {
        let grouped: usize = PermissionGroup::ALL
            .iter()
            .map(|g| g.permissions().count())
            .sum();
        assert_eq!(grouped, Permission::ALL.len());
        assert!(Permission::ALL.iter().all(|p| !p.description().is_empty()));
    }

    #[test]
    fn write_and_delete_imply_the_matching_read() {
        assert_eq!(
            Permission::WriteRoles.implied_read(),
            Some(Permission::ReadRoles)
        );
        assert_eq!(
            Permission::DeleteUsers.implied_read(),
            Some(Permission::ReadUsers)
        );
        assert_eq!(Permission::ReadAuditLog.implied_read(), None);
    }
}
