//! Password hashing with argon2id (19 MiB, t=2, p=1). These functions block for tens of
//! milliseconds and take 19 MiB each: they run only on the hashing pool ([`super::HashingPool`]).

use crate::domain::Password;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::LazyLock;

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Verified against when the email is unknown, so that an unknown email costs as much time as a
/// wrong password and the two cannot be told apart by timing.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| {
    hasher()
        .hash_password(b"decoy password", &SaltString::generate(&mut OsRng))
        .expect("hashing a constant succeeds")
        .to_string()
});

/// The PHC string of `password` with a fresh salt.
pub fn hash_blocking(password: &Password) -> Option<String> {
    hasher()
        .hash_password(
            password.expose().as_bytes(),
            &SaltString::generate(&mut OsRng),
        )
        .map(|hash| hash.to_string())
        .inspect_err(|error| tracing::error!(%error, "password hashing failed"))
        .ok()
}

/// True when `password` matches `stored_hash`; with `None`, checks against a decoy and fails.
pub fn verify_blocking(password: &str, stored_hash: Option<&str>) -> bool {
    let known = stored_hash.is_some();
    let hash_text = stored_hash.unwrap_or(DECOY_HASH.as_str());
    let Ok(hash) = PasswordHash::new(hash_text) else {
        tracing::error!("a stored password hash could not be parsed");
        return false;
    };
    let matches = hasher().verify_password(password.as_bytes(), &hash).is_ok();
    known && matches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_different_one_does_not() {
        let hash = hash_blocking(&Password::parse("correct horse").unwrap()).unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_blocking("correct horse", Some(&hash)));
        assert!(!verify_blocking("wrong horse!", Some(&hash)));
    }

    #[test]
    fn an_unknown_user_never_verifies_even_with_the_decoy_password() {
        assert!(!verify_blocking("decoy password", None));
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_their_salt() {
        let password = Password::parse("same password").unwrap();
        assert_ne!(hash_blocking(&password), hash_blocking(&password));
    }
}
