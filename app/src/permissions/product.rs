//! The deployment's own permissions (`read:clusters` …), declared in a TOML file named by
//! `--permissions-file` and joined to Roster's catalogue at start. A product permission is a
//! `Permission::Product` holding its name; what the file said of it (group, description, whether
//! Base holds it) is kept here for the process.

use std::sync::RwLock;

/// One declared permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductPermission {
    pub name: &'static str,
    pub group: &'static str,
    pub description: &'static str,
    /// Whether every member holds it (through Base).
    pub base: bool,
}

static DECLARED: RwLock<Vec<ProductPermission>> = RwLock::new(Vec::new());

/// Joins `permissions` to the catalogue (one file a process; tests that start several servers
/// in one process add theirs side by side).
pub fn declare(permissions: &[ProductPermission]) {
    let mut declared = DECLARED
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for permission in permissions {
        if !declared.iter().any(|known| known.name == permission.name) {
            declared.push(*permission);
        }
    }
}

/// Every declared permission, in the order of their files.
pub fn declared() -> Vec<ProductPermission> {
    DECLARED
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone()
}

pub fn find(name: &str) -> Option<ProductPermission> {
    DECLARED
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .iter()
        .find(|permission| permission.name == name)
        .copied()
}

/// The groups of the declared permissions, in the order they first appear.
pub fn groups() -> Vec<&'static str> {
    let mut groups: Vec<&'static str> = Vec::new();
    for permission in declared() {
        if !groups.contains(&permission.group) {
            groups.push(permission.group);
        }
    }
    groups
}

#[cfg(feature = "ssr")]
pub use file::parse_file;

#[cfg(feature = "ssr")]
mod file {
    use super::ProductPermission;
    use crate::permissions::{Permission, PermissionGroup};
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        permission: Vec<Entry>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        name: String,
        group: String,
        description: String,
        #[serde(default)]
        base: bool,
    }

    const MAX_PERMISSIONS: usize = 500;

    fn well_formed(name: &str) -> bool {
        let word = |part: &str| {
            part.len() <= 40
                && part.starts_with(|c: char| c.is_ascii_lowercase())
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        };
        name.split_once(':')
            .is_some_and(|(verb, resource)| word(verb) && word(resource))
    }

    /// The permissions a file declares, each checked: `verb:resource` in lower case, none of
    /// Roster's own, none twice, a group and a description, and a `write:` or `delete:` only
    /// beside the `read:` it brings. The error names the entry and what to change.
    pub fn parse_file(text: &str) -> Result<Vec<ProductPermission>, String> {
        let file: File = toml::from_str(text).map_err(|error| error.to_string())?;
        if file.permission.len() > MAX_PERMISSIONS {
            return Err(format!("declare at most {MAX_PERMISSIONS} permissions"));
        }
        let roster_groups: Vec<&str> = PermissionGroup::ALL.iter().map(|g| g.title()).collect();
        let names: Vec<&str> = file.permission.iter().map(|p| p.name.as_str()).collect();
        let mut declared = Vec::with_capacity(file.permission.len());
        for (index, entry) in file.permission.iter().enumerate() {
            let at = format!("permission {} ({:?})", index + 1, entry.name);
            if !well_formed(&entry.name) {
                return Err(format!(
                    "{at}: name it verb:resource in lower case, letters, digits and _ (read:clusters)"
                ));
            }
            if Permission::ALL.iter().any(|p| p.name() == entry.name) {
                return Err(format!("{at}: Roster has this permission already"));
            }
            if names[..index].contains(&entry.name.as_str()) {
                return Err(format!("{at}: declared twice"));
            }
            let group = entry.group.trim();
            if group.is_empty() || group.chars().count() > 60 {
                return Err(format!("{at}: give it a group of 1 to 60 characters"));
            }
            if roster_groups.contains(&group) {
                return Err(format!(
                    "{at}: the group {group:?} is one of Roster's own; name your product's groups apart"
                ));
            }
            let description = entry.description.trim();
            if description.is_empty() || description.chars().count() > 200 {
                return Err(format!("{at}: describe it in 1 to 200 characters"));
            }
            let (verb, resource) = entry.name.split_once(':').unwrap_or_default();
            if matches!(verb, "write" | "delete") {
                let read = format!("read:{resource}");
                if !names.contains(&read.as_str()) {
                    return Err(format!(
                        "{at}: declare {read} too, which a {verb} brings with it"
                    ));
                }
            }
            declared.push(ProductPermission {
                name: Box::leak(entry.name.clone().into_boxed_str()),
                group: Box::leak(group.to_owned().into_boxed_str()),
                description: Box::leak(description.to_owned().into_boxed_str()),
                base: entry.base,
            });
        }
        Ok(declared)
    }

    #[cfg(test)]
    mod tests {
        use super::parse_file;

        const GOOD: &str = r#"
            [[permission]]
            name = "read:clusters"
            group = "Clusters"
            description = "See the account's clusters."

            [[permission]]
            name = "write:clusters"
            group = "Clusters"
            description = "Create and resize clusters."

            [[permission]]
            name = "read:status"
            group = "Status"
            description = "See the status page."
            base = true
        "#;

        #[test]
        fn a_good_file_declares_each_permission_with_its_group() {
            let declared = parse_file(GOOD).unwrap();
            let names: Vec<&str> = declared.iter().map(|p| p.name).collect();
            assert_eq!(names, ["read:clusters", "write:clusters", "read:status"]);
            assert_eq!(declared[1].group, "Clusters");
            assert!(declared[2].base && !declared[0].base);
            assert!(parse_file("").unwrap().is_empty());
        }

        #[test]
        fn bad_entries_are_refused_with_what_to_change() {
            let entry = |name: &str, group: &str, description: &str| {
                format!(
                    "[[permission]]\nname = {name:?}\ngroup = {group:?}\ndescription = {description:?}\n"
                )
            };
            for (file, says) in [
                (entry("Read:Clusters", "Clusters", "x"), "verb:resource"),
                (entry("clusters", "Clusters", "x"), "verb:resource"),
                (entry("read:users", "Clusters", "x"), "Roster has this permission"),
                (entry("write:clusters", "Clusters", "x"), "declare read:clusters too"),
                (entry("read:clusters", "", "x"), "group"),
                (entry("read:clusters", "Account", "x"), "one of Roster's own"),
                (entry("read:clusters", "Clusters", " "), "describe it"),
                (
                    entry("read:clusters", "Clusters", "x") + &entry("read:clusters", "Clusters", "y"),
                    "declared twice",
                ),
                ("[[permission]]\nname = \"read:x\"\ngroup = \"G\"\ndescription = \"d\"\ncolour = 1\n".into(), "colour"),
                ("not toml at all [".into(), ""),
            ] {
                let error = parse_file(&file).expect_err(&file);
                assert!(error.contains(says), "{file}: {error}");
            }
        }
    }
}
