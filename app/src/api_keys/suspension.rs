//! The keys page marks each key whose maker no longer holds what it carries (the rule itself
//! is the key door's: `access::delegation`).

use crate::access::{MemberRights, Suspension};
use crate::db::Db;
use crate::permissions::PermissionSet;

/// Marks each live key of the list whose maker no longer holds what it carries (one read per
/// maker, not per key).
pub async fn mark_suspended(
    conn: &mut dyn Db,
    account_id: &str,
    keys: &mut [super::ApiKeyRow],
) -> Result<(), sqlx::Error> {
    let mut makers: std::collections::HashMap<Option<String>, Option<MemberRights>> =
        std::collections::HashMap::new();
    for key in keys.iter_mut().filter(|key| key.revoked_at.is_none()) {
        if !makers.contains_key(&key.maker_id) {
            let rights = match key.maker_id.as_deref() {
                Some(maker) => {
                    crate::access::queries::member_rights(conn, account_id, maker).await?
                }
                None => None,
            };
            makers.insert(key.maker_id.clone(), rights);
        }
        let carried = PermissionSet::new(
            key.permissions
                .iter()
                .filter_map(|name| crate::permissions::Permission::from_name(name)),
        );
        key.suspended = Suspension::of_maker(&carried, makers[&key.maker_id].as_ref())
            .map(|suspension| suspension.reason());
    }
    Ok(())
}
