use super::Permission;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A set of permissions that always holds the reads its writes and deletes imply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionSet(BTreeSet<Permission>);

impl PermissionSet {
    pub fn new(permissions: impl IntoIterator<Item = Permission>) -> Self {
        let mut set = BTreeSet::new();
        for permission in permissions {
            set.insert(permission);
            if let Some(read) = permission.implied_read() {
                set.insert(read);
            }
        }
        Self(set)
    }

    /// Every permission of the catalogue, the deployment's included.
    pub fn all() -> Self {
        Self::new(Permission::catalogue())
    }

    /// Parses stored or submitted names; unknown names are returned as the error.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let mut permissions = Vec::new();
        for name in names {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            permissions.push(Permission::from_name(name).ok_or_else(|| name.to_owned())?);
        }
        Ok(Self::new(permissions))
    }

    /// The permissions named in a stored, space-separated list; names the deployment no longer
    /// declares grant nothing and are left out.
    pub fn known_of_stored(names: &str) -> Self {
        Self::new(names.split(' ').filter_map(Permission::from_name))
    }

    pub fn contains(&self, permission: Permission) -> bool {
        self.0.contains(&permission)
    }

    pub fn is_subset(&self, other: &PermissionSet) -> bool {
        self.0.is_subset(&other.0)
    }

    pub fn union(&self, other: &PermissionSet) -> Self {
        Self(self.0.union(&other.0).copied().collect())
    }

    /// What `self` has that `other` lacks, and the other way round.
    pub fn changes_from(&self, other: &PermissionSet) -> (Vec<Permission>, Vec<Permission>) {
        let added = self.0.difference(&other.0).copied().collect();
        let removed = other.0.difference(&self.0).copied().collect();
        (added, removed)
    }

    pub fn iter(&self) -> impl Iterator<Item = Permission> + '_ {
        self.0.iter().copied()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn names(&self) -> Vec<String> {
        self.iter().map(|p| p.name().to_owned()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn granting_a_write_brings_its_read() {
        let set = PermissionSet::new([Permission::WriteInvites]);
        assert!(set.contains(Permission::ReadInvites));
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn unknown_names_are_refused_and_blank_ones_ignored() {
        assert_eq!(
            PermissionSet::from_names(["read:users", "fly:planes"]),
            Err("fly:planes".into())
        );
        assert_eq!(
            PermissionSet::from_names(["", "read:users"]).unwrap().len(),
            1
        );
    }

    #[test]
    fn union_and_subset_behave_as_sets() {
        let a = PermissionSet::new([Permission::ReadUsers]);
        let b = PermissionSet::new([Permission::ReadRoles]);
        let both = a.union(&b);
        assert!(a.is_subset(&both) && b.is_subset(&both));
        assert!(!both.is_subset(&a));
    }

    #[test]
    fn changes_list_what_was_added_and_removed() {
        let before = PermissionSet::new([Permission::ReadUsers, Permission::ReadRoles]);
        let after = PermissionSet::new([Permission::ReadRoles, Permission::ReadAuditLog]);
        assert_eq!(
            after.changes_from(&before),
            (vec![Permission::ReadAuditLog], vec![Permission::ReadUsers])
        );
    }
}
