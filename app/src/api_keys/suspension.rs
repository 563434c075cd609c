//! The keys page marks each key whose maker no longer holds what it carries (the rule itself
//! is the key door's: `access::delegation`).

use crate::access::{Suspension, maker_holds};
use crate::db::Db;
use crate::permissions::PermissionSet;

/// Marks each live key of the list whose maker no longer holds what it carries (one read per
/// maker, not per key).
pub async fn mark_suspended(
    conn: &mut dyn Db,
    account_id: &str,
    keys: &mut [super::ApiKeyRow],
) -> Result<(), sqlx::Error> {
    let mut makers: std::collections::HashMap<Option<String>, Option<PermissionSet>> =
        std::collections::HashMap::new();
    for key in keys.iter_mut().filter(|key| key.revoked_at.is_none()) {
        if !makers.contains_key(&key.maker_id) {
            let held = maker_holds(conn, account_id, key.maker_id.as_deref()).await?;
            makers.insert(key.maker_id.clone(), held);
        }
        let carried = PermissionSet::new(
            key.permissions
                .iter()
                .filter_map(|name| crate::permissions::Permission::from_name(name)),
        );
        key.suspended = Suspension::of(&carried, makers[&key.maker_id].as_ref())
            .map(|suspension| suspension.reason());
    }
    Ok(())
}
