//! A new key's secret reaches the one page that shows it through the access layer's
//! [`Handover`]: masked in the session row, its pad only in the creating browser's cookie.

use super::NewKeySecret;
use crate::access::{HandedOver, Handover};
use crate::error::AppError;

const NEW_KEY: Handover = Handover::new("new_api_key", "roster_new_key");

/// Keeps the new key's secret, masked, for the next view of the keys page.
pub async fn hand_over(secret: NewKeySecret) -> Result<(), AppError> {
    NEW_KEY
        .give(HandedOver {
            subject_id: secret.key_id,
            label: secret.name,
            secret: secret.secret,
        })
        .await
}

/// The secret handed over to this browser, once, if it is one of `key_ids`' and in time.
pub async fn take(key_ids: &[&str]) -> Result<Option<NewKeySecret>, AppError> {
    Ok(NEW_KEY.take(key_ids).await?.map(|handed| NewKeySecret {
        key_id: handed.subject_id,
        name: handed.label,
        secret: handed.secret,
    }))
}
