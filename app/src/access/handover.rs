//! A secret reaches the one page that shows it without resting whole anywhere: a new API key's
//! secret, an invitation link copied to be handed over.
//!
//! The session row holds the secret masked by a one-time pad; only the browser that asked for
//! it holds the pad, in an HttpOnly cookie that lives as long as the handover may take. A copy
//! of the sessions table (a backup, a replica) yields nothing without the cookie, and the
//! masked secret is dropped when the page shows it, or unshown once the handover's time is up.

use crate::error::AppError;
use crate::secrets::hex;
use rand::RngCore;
use rand::rngs::OsRng;
use serde::{Deserialize, Serialize};

/// One kind of handover: its session slot and the cookie holding its pad.
pub struct Handover {
    slot: &'static str,
    pad_cookie: &'static str,
}

/// What is handed over: the secret, and what it belongs to.
#[derive(Clone, PartialEq, Eq)]
pub struct HandedOver {
    /// The key, the invitation: the page shows the secret only beside it.
    pub subject_id: String,
    /// How the page names it.
    pub label: String,
    pub secret: String,
}

/// What the session row holds: the secret XOR a pad the server does not keep.
#[derive(Serialize, Deserialize)]
struct MaskedSecret {
    #[serde(alias = "key_id")]
    subject_id: String,
    #[serde(alias = "name")]
    label: String,
    masked: String,
    /// Unix seconds after which it is not shown.
    show_until: i64,
}

impl Handover {
    pub const fn new(slot: &'static str, pad_cookie: &'static str) -> Self {
        Self { slot, pad_cookie }
    }

    /// Keeps the secret, masked, for the next view of the page that shows it, and gives this
    /// browser the pad that unmasks it.
    pub async fn give(&self, handed: HandedOver) -> Result<(), AppError> {
        let settings = crate::server::AppState::from_context()?.auth;
        let lifetime = settings.new_key_handover;
        let mut pad = vec![0u8; handed.secret.len()];
        OsRng.fill_bytes(&mut pad);
        let masked = MaskedSecret {
            subject_id: handed.subject_id,
            label: handed.label,
            masked: hex::encode(&xor(handed.secret.as_bytes(), &pad)),
            show_until: chrono::Utc::now().timestamp()
                + i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX / 2),
        };
        super::session()
            .await?
            .insert(self.slot, masked)
            .await
            .map_err(crate::server::internal)?;
        let secure = if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        set_cookie(&format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
            self.pad_cookie,
            hex::encode(&pad),
            lifetime.as_secs()
        ));
        Ok(())
    }

    /// The secret handed over to this browser, once, if it is still within its time and
    /// belongs to one of `subject_ids`. The masked copy leaves the session either way; a
    /// browser without the pad has nothing to take, and the session is not even read for it
    /// (a page view costs no statement for a handover that is not there).
    pub async fn take(&self, subject_ids: &[&str]) -> Result<Option<HandedOver>, AppError> {
        let Some(pad) = self.pad() else {
            return Ok(None);
        };
        let masked: Option<MaskedSecret> = super::session()
            .await?
            .remove(self.slot)
            .await
            .map_err(crate::server::internal)?;
        let Some(masked) = masked else {
            return Ok(None);
        };
        if masked.show_until < chrono::Utc::now().timestamp()
            || !subject_ids.contains(&masked.subject_id.as_str())
        {
            return Ok(None);
        }
        let secret = hex::decode(&pad)
            .zip(hex::decode(&masked.masked))
            .filter(|(pad, masked)| pad.len() == masked.len())
            .and_then(|(pad, masked)| String::from_utf8(xor(&masked, &pad)).ok());
        Ok(secret.map(|secret| HandedOver {
            subject_id: masked.subject_id,
            label: masked.label,
            secret,
        }))
    }

    fn pad(&self) -> Option<String> {
        let parts = leptos::prelude::use_context::<http::request::Parts>()?;
        crate::server::cookie_value(&parts.headers, self.pad_cookie)
    }
}

fn xor(a: &[u8], b: &[u8]) -> Vec<u8> {
    a.iter().zip(b).map(|(x, y)| x ^ y).collect()
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
