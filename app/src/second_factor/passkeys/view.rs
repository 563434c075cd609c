use serde::{Deserialize, Serialize};

/// One of the user's passkeys, as their profile lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyView {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

#[cfg(feature = "ssr")]
pub async fn of_user(
    conn: &mut dyn crate::db::Db,
    user_id: &str,
) -> Result<Vec<PasskeyView>, sqlx::Error> {
    Ok(super::queries::of_user(conn, user_id)
        .await?
        .into_iter()
        .map(|row| PasskeyView {
            id: row.id,
            name: row.name,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
        })
        .collect())
}
