use super::{Permission, PermissionGroup};
use serde::{Deserialize, Serialize};

/// The catalogue as plain text for a form in the browser, which knows only Roster's own
/// permissions: each group with its permissions and the read each brings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueGroup {
    pub title: String,
    pub entries: Vec<CatalogueEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueEntry {
    pub name: String,
    pub description: String,
    /// The read this permission brings with it.
    pub implies: Option<String>,
}

/// The whole catalogue, grouped, as the server knows it.
pub fn catalogue_groups() -> Vec<CatalogueGroup> {
    PermissionGroup::catalogue()
        .into_iter()
        .map(|group| CatalogueGroup {
            title: group.title().to_owned(),
            entries: group
                .permissions()
                .map(|permission: Permission| CatalogueEntry {
                    name: permission.name().to_owned(),
                    description: permission.description().to_owned(),
                    implies: permission.implied_read().map(|read| read.name().to_owned()),
                })
                .collect(),
        })
        .collect()
}
