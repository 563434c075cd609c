//! API key secrets: `roster_` and 43 base62 characters drawn from the operating system's CSPRNG
//! (256 bits), so that a leaked key is recognisable in code and logs and cannot be guessed.
//! Only the SHA-256 is stored.

use crate::secrets::{SecretHash, prefixed_random};

const PREFIX: &str = "roster_";
const LENGTH: usize = crate::secrets::PREFIXED_LENGTH;

/// A secret as the program sends it. Not `Serialize`, and `Debug` prints nothing of it.
pub struct ApiKeySecret(String);

impl ApiKeySecret {
    pub fn generate() -> Self {
        Self(prefixed_random(PREFIX))
    }

    /// A secret from an `Authorization` header's value, if it has the shape of one.
    /// The scheme is case-insensitive (RFC 9110 §11.1): `bearer` works as `Bearer` does.
    pub fn from_bearer(header: &str) -> Option<Self> {
        let (scheme, secret) = header.split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return None;
        }
        let secret = secret.trim();
        let body = secret.strip_prefix(PREFIX)?;
        (body.len() == LENGTH && body.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then(|| Self(secret.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> [u8; 32] {
        SecretHash::of(&self.0).0
    }

    /// The first characters, to tell keys apart in a list.
    pub fn hint(&self) -> String {
        format!("{}…", &self.0[..PREFIX.len() + 4])
    }
}

impl std::fmt::Debug for ApiKeySecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKeySecret(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::ApiKeySecret;

    #[test]
    fn a_secret_is_the_prefix_and_43_base62_characters_and_reads_back_from_a_bearer_header() {
        let secret = ApiKeySecret::generate();
        assert!(secret.as_str().starts_with("roster_"));
        assert_eq!(secret.as_str().len(), 7 + 43);
        let header = format!("Bearer {}", secret.as_str());
        let parsed = ApiKeySecret::from_bearer(&header).expect("a secret");
        assert_eq!(parsed.hash(), secret.hash());
        assert_ne!(ApiKeySecret::generate().as_str(), secret.as_str());
        assert!(secret.hint().ends_with('…'));
        assert!(!format!("{secret:?}").contains("roster_"));
    }

    #[test]
    fn the_scheme_may_be_written_in_any_case() {
        let secret = ApiKeySecret::generate();
        for scheme in ["bearer", "BEARER", "Bearer"] {
            let header = format!("{scheme} {}", secret.as_str());
            assert!(ApiKeySecret::from_bearer(&header).is_some(), "{header}");
        }
    }

    #[test]
    fn anything_else_is_no_secret() {
        for header in [
            "",
            "Bearer ",
            "Basic abc",
            "Bearer roster_short",
            "Bearer other_0123456789012345678901234567890123456789012",
        ] {
            assert!(ApiKeySecret::from_bearer(header).is_none(), "{header}");
        }
    }
}
