//! Secrets a program holds: a recognisable prefix and 43 base62 characters (256 bits).

use rand::RngCore;
use rand::rngs::OsRng;

/// How many random characters follow the prefix.
pub const PREFIXED_LENGTH: usize = 43;
const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `prefix` and 43 base62 characters (256 bits) from the operating system's CSPRNG.
pub fn prefixed_random(prefix: &str) -> String {
    let mut secret = String::with_capacity(prefix.len() + PREFIXED_LENGTH);
    secret.push_str(prefix);
    let mut byte = [0u8; 1];
    while secret.len() < prefix.len() + PREFIXED_LENGTH {
        OsRng.fill_bytes(&mut byte);
        // 248 = 4 × 62: rejecting the rest keeps every character equally likely.
        if byte[0] < 248 {
            secret.push(char::from(ALPHABET[usize::from(byte[0] % 62)]));
        }
    }
    secret
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::SecretHash;

    #[test]
    fn a_prefixed_secret_has_its_prefix_and_43_base62_characters_and_differs_every_time() {
        let a = prefixed_random("whsec_");
        assert!(a.starts_with("whsec_") && a.len() == 6 + 43);
        assert!(a[6..].bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(a, prefixed_random("whsec_"));
        assert!(SecretHash::of(&a).matches(&SecretHash::of(&a.clone())));
        assert!(!format!("{:?}", SecretHash::of(&a)).contains(&a));
    }
}
