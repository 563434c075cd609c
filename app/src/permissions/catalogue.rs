use serde::{Deserialize, Serialize};

/// One thing a member may do in an account, named `verb:resource` as the reference product
/// names them. Stored in the database by its name, which must therefore never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionGroup {
    IdentityAndAccess,
    Account,
    Audit,
    Profile,
    Programs,
}

impl PermissionGroup {
    pub const ALL: [PermissionGroup; 5] = [
        Self::IdentityAndAccess,
        Self::Account,
        Self::Audit,
        Self::Profile,
        Self::Programs,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::IdentityAndAccess => "Identity and access",
            Self::Account => "Account",
            Self::Audit => "Audit",
            Self::Profile => "Profile",
            Self::Programs => "Programs",
        }
    }

    pub fn permissions(self) -> impl Iterator<Item = Permission> {
        Permission::ALL
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

    pub fn name(self) -> &'static str {
        match self {
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

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    pub fn description(self) -> &'static str {
        match self {
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
