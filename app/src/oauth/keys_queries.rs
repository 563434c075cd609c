//! The signing keys' table.

use super::keys::{NewKey, SigningKey, from_row};
use crate::db::{self, Pool};

pub async fn all(pool: &Pool) -> Result<Vec<SigningKey>, sqlx::Error> {
    let rows: Vec<(String, String, Vec<u8>, String, String)> = db::query_as(
        "SELECT kid, algorithm, private_key, public_jwk, signs_from FROM oauth_signing_keys",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kid, algorithm, private_key, jwk, signs_from)| {
            let key = from_row(kid.clone(), &algorithm, &private_key, &jwk, &signs_from);
            if key.is_none() {
                tracing::warn!(kid, "a signing key this server cannot read was skipped");
            }
            key
        })
        .collect())
}

pub async fn insert(
    pool: &Pool,
    key: &NewKey,
    algorithm: &str,
    signs_from: &str,
) -> Result<(), sqlx::Error> {
    db::query(
        "INSERT INTO oauth_signing_keys (kid, algorithm, private_key, public_jwk, created_at, signs_from)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&key.kid)
    .bind(algorithm)
    .bind(key.private_key.clone())
    .bind(key.public_jwk.to_string())
    .bind(crate::server::now_rfc3339())
    .bind(signs_from)
    .execute(pool)
    .await?;
    Ok(())
}
