//! Which invitation links this browser has followed while signed in as the invitee.
//!
//! Holding an unverified address proves nothing; following the link from the mail does. The
//! session remembers the hash of each token followed, and (until the address is verified) the
//! banner offers Accept and Decline only for those, checked against the invitation's current
//! token (a resend makes the old one worthless).

use crate::error::AppError;
use crate::secrets::SecretHash;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::collections::BTreeMap;
use tower_sessions::Session;

const KEY: &str = "invitation_links";

async fn load(session: &Session) -> Result<BTreeMap<String, String>, AppError> {
    Ok(session
        .get(KEY)
        .await
        .map_err(crate::server::internal)?
        .unwrap_or_default())
}

pub async fn remember(
    session: &Session,
    invitation_id: &str,
    hash: &SecretHash,
) -> Result<(), AppError> {
    let mut links = load(session).await?;
    let encoded = URL_SAFE_NO_PAD.encode(hash.0);
    if links.get(invitation_id) == Some(&encoded) {
        return Ok(());
    }
    links.insert(invitation_id.to_owned(), encoded);
    session
        .insert(KEY, links)
        .await
        .map_err(crate::server::internal)
}

pub async fn recall(
    session: &Session,
    invitation_id: &str,
) -> Result<Option<SecretHash>, AppError> {
    let links = load(session).await?;
    Ok(links.get(invitation_id).and_then(|encoded| {
        let bytes = URL_SAFE_NO_PAD.decode(encoded).ok()?;
        Some(SecretHash(bytes.try_into().ok()?))
    }))
}
