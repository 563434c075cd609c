//! A new key's secret reaches the one page that shows it without resting whole anywhere.
//!
//! The session row holds the secret masked by a one-time pad; only the browser that created the
//! key holds the pad, in an HttpOnly cookie that lives as long as the handover may take. A copy
//! of the sessions table (a backup, a replica) yields nothing without the cookie, and the
//! masked secret is dropped when the page shows it, or unshown once the handover's time is up.

use super::NewKeySecret;
use crate::error::AppError;
use crate::secrets::hex;
use rand::RngCore;
use rand::rngs::OsRng;
use serde::{Deserialize, Serialize};

/// The session slot holding the masked secret.
const SLOT: &str = "new_api_key";
/// The cookie holding the pad.
const PAD_COOKIE: &str = "roster_new_key";

/// What the session row holds: the secret XOR a pad the server does not keep.
#[derive(Serialize, Deserialize)]
struct MaskedSecret {
    key_id: String,
    name: String,
    masked: String,
    /// Unix seconds after which it is not shown.
    show_until: i64,
}

/// Keeps the new key's secret, masked, for the next view of the keys page, and gives this
/// browser the pad that unmasks it.
pub async fn hand_over(secret: NewKeySecret) -> Result<(), AppError> {
    let settings = crate::server::AppState::from_context()?.auth;
    let lifetime = settings.new_key_handover;
    let mut pad = vec![0u8; secret.secret.len()];
    OsRng.fill_bytes(&mut pad);
    let masked = MaskedSecret {
        key_id: secret.key_id,
        name: secret.name,
        masked: hex::encode(&xor(secret.secret.as_bytes(), &pad)),
        show_until: chrono::Utc::now().timestamp()
            + i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX / 2),
    };
    crate::access::session()
        .await?
        .insert(SLOT, masked)
        .await
        .map_err(crate::server::internal)?;
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    set_cookie(&format!(
        "{PAD_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        hex::encode(&pad),
        lifetime.as_secs()
    ));
    Ok(())
}

/// The secret handed over to this browser, once, if it is still within its time and belongs to
/// one of `key_ids`. The masked copy leaves the session either way.
pub async fn take(key_ids: &[&str]) -> Result<Option<NewKeySecret>, AppError> {
    let masked: Option<MaskedSecret> = crate::access::session()
        .await?
        .remove(SLOT)
        .await
        .map_err(crate::server::internal)?;
    let Some(masked) = masked else {
        return Ok(None);
    };
    if masked.show_until < chrono::Utc::now().timestamp()
        || !key_ids.contains(&masked.key_id.as_str())
    {
        return Ok(None);
    }
    let secret = pad_cookie()
        .and_then(|pad| hex::decode(&pad))
        .zip(hex::decode(&masked.masked))
        .filter(|(pad, masked)| pad.len() == masked.len())
        .and_then(|(pad, masked)| String::from_utf8(xor(&masked, &pad)).ok());
    Ok(secret.map(|secret| NewKeySecret {
        key_id: masked.key_id,
        name: masked.name,
        secret,
    }))
}

fn xor(a: &[u8], b: &[u8]) -> Vec<u8> {
    a.iter().zip(b).map(|(x, y)| x ^ y).collect()
}

fn pad_cookie() -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    crate::server::cookie_value(&parts.headers, PAD_COOKIE)
}

fn set_cookie(cookie: &str) {
    if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = http::HeaderValue::from_str(cookie)
    {
        options.append_header(http::header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_masked_secret_alone_does_not_hold_the_secret() {
        let secret = b"roster_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
        let mut pad = vec![0u8; secret.len()];
        OsRng.fill_bytes(&mut pad);
        let masked = hex::encode(&xor(secret, &pad));
        assert!(!masked.contains("726f73746572"), "no plain prefix");
        let back = xor(
            &hex::decode(&masked).unwrap(),
            &hex::decode(&hex::encode(&pad)).unwrap(),
        );
        assert_eq!(back, secret);
        // (What is no hex is refused: `secrets::hex`'s own test.)
    }
}
