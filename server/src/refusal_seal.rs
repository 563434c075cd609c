//! A refusal's message and typed values in a page's address are shown only to the browser they
//! were sent to.
//!
//! A plain form post that is refused comes back to its page with the error and what was typed in
//! the query (`__path`, `__err`, `__typed`). Left unguarded, anyone could craft such an address —
//! an owner's webhook form filled with an attacker's URL, an invitation form set to Admin, and an
//! error message of the attacker's wording — and send it to the owner. So the refusal is sealed:
//! `__seal` is the HMAC of those three values under a random value kept in the refused browser's
//! own HttpOnly cookie, which another site can neither read nor set. A page whose address carries
//! them without a seal that matches this browser's cookie is sent, once, to the same address
//! without them.

use app::secrets::hex;
use hmac::{Hmac, Mac};
use http::HeaderMap;
use sha2::Sha256;

/// The cookie holding this browser's sealing value (lives as long as the browser session).
pub const COOKIE_NAME: &str = "roster_refusal";
/// The query keys a refusal writes, in the order they are sealed.
pub const SEALED_KEYS: [&str; 3] = ["__path", "__err", "__typed"];
pub const SEAL_KEY: &str = "__seal";

/// This browser's sealing value, if it sent one.
pub fn browser_value(headers: &HeaderMap) -> Option<String> {
    app::server::cookie_value(headers, COOKIE_NAME).filter(|value| value.len() >= 32)
}

/// A new sealing value: 256 random bits.
pub fn new_browser_value() -> String {
    app::secrets::prefixed_random("")
}

/// The `Set-Cookie` value that gives a browser its sealing value.
pub fn set_cookie(value: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={value}; Path=/; HttpOnly; SameSite=Lax{secure}")
}

/// The MAC of the sealed keys' values in `pairs` (each absent one counts as empty).
fn mac(browser_value: &str, pairs: &[(String, String)]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(browser_value.as_bytes()).expect("any key length");
    for key in SEALED_KEYS {
        let value = pairs
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str());
        mac.update(&(value.len() as u64).to_be_bytes());
        mac.update(value.as_bytes());
    }
    mac
}

/// The seal of the sealed keys' values in `pairs`, as hex.
pub fn seal(browser_value: &str, pairs: &[(String, String)]) -> String {
    hex::encode(&mac(browser_value, pairs).finalize().into_bytes())
}

/// Whether the query key `key` belongs to a refusal.
pub fn is_refusal_key(key: &str) -> bool {
    SEALED_KEYS.contains(&key) || key == SEAL_KEY
}

/// Whether `pairs` hold a refusal at all.
pub fn holds_refusal(pairs: &[(String, String)]) -> bool {
    pairs.iter().any(|(key, _)| is_refusal_key(key))
}

/// Whether the refusal in `pairs` was sealed for this browser: each sealed key at most once, and
/// the seal matching (compared in constant time).
pub fn is_sealed_for(browser_value: Option<&str>, pairs: &[(String, String)]) -> bool {
    let Some(browser_value) = browser_value else {
        return false;
    };
    let once = |key: &str| pairs.iter().filter(|(k, _)| k == key).count() <= 1;
    if !SEALED_KEYS.iter().all(|key| once(key)) || !once(SEAL_KEY) {
        return false;
    }
    let Some((_, presented)) = pairs.iter().find(|(k, _)| k == SEAL_KEY) else {
        return false;
    };
    hex::decode(presented)
        .is_some_and(|presented| mac(browser_value, pairs).verify_slice(&presented).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::COOKIE;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_seal_holds_only_for_the_browser_and_values_it_was_made_for() {
        let browser = new_browser_value();
        let mut refusal = pairs(&[("__path", "/api/a"), ("__err", "e"), ("__typed", "x=1")]);
        let sealed = seal(&browser, &refusal);
        refusal.push((SEAL_KEY.to_owned(), sealed.clone()));
        assert!(is_sealed_for(Some(&browser), &refusal));
        assert!(!is_sealed_for(Some(&new_browser_value()), &refusal));
        assert!(!is_sealed_for(None, &refusal));

        let mut changed = refusal.clone();
        changed[2].1 = "x=2".to_owned();
        assert!(!is_sealed_for(Some(&browser), &changed));
        let mut doubled = refusal.clone();
        doubled.push(("__err".to_owned(), "e".to_owned()));
        assert!(!is_sealed_for(Some(&browser), &doubled));
    }

    #[test]
    fn the_browser_value_is_read_from_among_other_cookies() {
        let value = new_browser_value();
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            format!("roster_session=abc; {COOKIE_NAME}={value}")
                .parse()
                .unwrap(),
        );
        assert_eq!(browser_value(&headers), Some(value));
        headers.insert(COOKIE, format!("{COOKIE_NAME}=short").parse().unwrap());
        assert_eq!(browser_value(&headers), None);
    }
}
