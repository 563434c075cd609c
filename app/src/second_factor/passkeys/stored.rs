//! A stored passkey, read back: `webauthn-rs`'s `Passkey` with its row.

use webauthn_rs::prelude::Passkey;

pub struct StoredPasskey {
    pub row_id: String,
    pub passkey: Passkey,
}

/// The user's passkeys that can still be read (a row that cannot is logged and skipped).
pub async fn of_user(
    pool: &crate::db::Pool,
    user_id: &str,
) -> Result<Vec<StoredPasskey>, sqlx::Error> {
    let rows = super::queries::credentials_of_user(pool, user_id).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(row_id, json)| match serde_json::from_str(&json) {
            Ok(passkey) => Some(StoredPasskey { row_id, passkey }),
            Err(error) => {
                tracing::error!(%error, passkey.id = %row_id, "a stored passkey cannot be read");
                None
            }
        })
        .collect())
}

/// After a verified use: the passkey's new counter, and when it was used. The signature was
/// checked before this runs (`webauthn-rs` returned the result), never the other way round.
pub async fn record_use(
    writer: &crate::db::Pool,
    used: &mut StoredPasskey,
    result: &webauthn_rs::prelude::AuthenticationResult,
) -> Result<(), crate::error::AppError> {
    let changed = used.passkey.update_credential(result).unwrap_or(false);
    let json = if changed {
        Some(serde_json::to_string(&used.passkey).map_err(crate::server::internal)?)
    } else {
        None
    };
    let mut tx = crate::server::begin_write(writer).await?;
    super::queries::record_use(
        &mut tx,
        &used.row_id,
        json.as_deref(),
        &crate::server::now_rfc3339(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
