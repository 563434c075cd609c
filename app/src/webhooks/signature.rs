//! How a delivery proves it came from Roster: `Roster-Signature: t=<unix seconds>,v1=<hex>`,
//! the HMAC-SHA256 of `<t>.<body>` under the endpoint's secret. The timestamp lets a receiver
//! refuse old replays; the prefix `whsec_` makes a leaked secret recognisable.

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const HEADER: &str = "Roster-Signature";
const PREFIX: &str = "whsec_";

/// A new endpoint's signing secret: `whsec_` and 256 random bits in base62.
pub fn new_secret() -> String {
    crate::secrets::prefixed_random(PREFIX)
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The header's value for `body` sent at `timestamp`.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let digest = mac(secret, timestamp, body).finalize().into_bytes();
    format!("t={timestamp},v1={}", crate::secrets::hex::encode(&digest))
}

/// Whether `header` signs `body` under `secret` (in constant time), and when it was signed.
pub fn verify(secret: &str, header: &str, body: &[u8]) -> Option<i64> {
    let mut timestamp = None;
    let mut signature = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signature = Some(value),
            _ => {}
        }
    }
    let (timestamp, signature) = (timestamp?, signature?);
    mac(secret, timestamp, body)
        .verify_slice(&crate::secrets::hex::decode(signature)?)
        .ok()
        .map(|()| timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_under_its_secret_only_and_for_its_body_only() {
        let secret = new_secret();
        assert!(secret.starts_with("whsec_") && secret.len() == 49);
        let header = sign(&secret, 1_764_800_000, b"{\"type\":\"member.added\"}");
        assert!(header.starts_with("t=1764800000,v1="));
        assert_eq!(
            verify(&secret, &header, b"{\"type\":\"member.added\"}"),
            Some(1_764_800_000)
        );
        assert_eq!(
            verify(&secret, &header, b"{\"type\":\"member.removed\"}"),
            None
        );
        assert_eq!(
            verify(&new_secret(), &header, b"{\"type\":\"member.added\"}"),
            None
        );
        assert_eq!(verify(&secret, "t=1,v1=zz", b""), None);
    }

    #[test]
    fn the_signature_is_hmac_sha256_of_timestamp_dot_body() {
        // Computed independently: Python's hmac.new(b"key", b"0.body", sha256).hexdigest().
        assert_eq!(
            sign("key", 0, b"body"),
            "t=0,v1=e0af04d5c83b24373ff89f540d0c8fd9a4e097e2b3ee8318ab5541047697626d"
        );
    }
}
