//! Which ended grants' products are still to be told (back-channel logout), claimed one at a
//! time so that with several servers each is told once.

pub use super::queries::DueLogout;

pub async fn claim_due(
    pool: &crate::db::Pool,
    now: &str,
    lease_until: &str,
) -> Result<Option<DueLogout>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    super::queries::claim_due_logout(&mut conn, now, lease_until).await
}

pub async fn sent(pool: &crate::db::Pool, grant_id: &str) -> Result<(), sqlx::Error> {
    super::queries::logout_sent(pool, grant_id, &crate::server::now_rfc3339()).await
}
