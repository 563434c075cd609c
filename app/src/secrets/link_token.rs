//! Link tokens (invitations, password resets, address links): 256 bits from the operating system's CSPRNG, sent once in the mail's link
//! and stored only as a SHA-256 hash, so that a copy of the database opens no invitation.

use super::SecretHash;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use rand::rngs::OsRng;

/// A token as it appears in a link. Deliberately not `Serialize` and not `Debug`-printable:
/// it must not reach a log or a response other than the mail that carries it.
pub struct LinkToken(String);

impl LinkToken {
    const BYTES: usize = 32;

    pub fn generate() -> Self {
        let mut bytes = [0u8; Self::BYTES];
        OsRng.fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// A token from a link, if it has the shape of one (anything else cannot match a hash).
    pub fn from_link(text: &str) -> Option<Self> {
        let decoded = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
        (decoded.len() == Self::BYTES).then(|| Self(text.trim().to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database keeps.
    pub fn hash(&self) -> SecretHash {
        SecretHash::of(&self.0)
    }
}

impl std::fmt::Debug for LinkToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkToken(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_256_bits_and_differ_every_time() {
        let a = LinkToken::generate();
        let b = LinkToken::generate();
        assert_eq!(URL_SAFE_NO_PAD.decode(a.as_str()).unwrap().len(), 32);
        assert_ne!(a.as_str(), b.as_str());
        assert!(
            a.as_str()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
    }

    #[test]
    fn the_hash_identifies_the_token_and_hides_it() {
        let token = LinkToken::generate();
        let again = LinkToken::from_link(token.as_str()).unwrap();
        assert!(token.hash().matches(&again.hash()));
        assert!(!token.hash().matches(&LinkToken::generate().hash()));
        assert_ne!(token.hash().0.to_vec(), token.as_str().as_bytes().to_vec());
    }

    #[test]
    fn links_that_are_not_token_shaped_are_refused() {
        assert!(LinkToken::from_link("").is_none());
        assert!(LinkToken::from_link("not a token").is_none());
        assert!(LinkToken::from_link("AAAA").is_none());
    }

    #[test]
    fn debug_output_never_shows_the_token() {
        let token = LinkToken::generate();
        assert!(!format!("{token:?}").contains(token.as_str()));
    }
}
