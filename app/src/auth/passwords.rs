//! Password hashing with argon2id (19 MiB, t=2, p=1), always on a blocking thread.

use crate::domain::Password;
use crate::error::AppError;
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

pub async fn hash_password(password: Password) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        hasher()
            .hash_password(
                password.expose().as_bytes(),
                &SaltString::generate(&mut OsRng),
            )
            .map(|hash| hash.to_string())
    })
    .await
    .map_err(crate::server::internal)?
    .map_err(|error| {
        tracing::error!(%error, "password hashing failed");
        AppError::Internal
    })
}

/// True when `password` matches `stored_hash`; with `None`, checks against a decoy and fails.
pub async fn verify_password(
    password: String,
    stored_hash: Option<String>,
) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let known = stored_hash.is_some();
        let hash_text = stored_hash.unwrap_or_else(|| DECOY_HASH.clone());
        let Ok(hash) = PasswordHash::new(&hash_text) else {
            tracing::error!("a stored password hash could not be parsed");
            return false;
        };
        let matches = hasher().verify_password(password.as_bytes(), &hash).is_ok();
        known && matches
    })
    .await
    .map_err(crate::server::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_different_one_does_not() {
        let hash = hash_password(Password::parse("correct horse").unwrap())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify_password("correct horse".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify_password("wrong horse!".into(), Some(hash))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies_even_with_the_decoy_password() {
        assert!(
            !verify_password("decoy password".into(), None)
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn two_hashes_of_one_password_differ_by_their_salt() {
        let a = hash_password(Password::parse("same password").unwrap())
            .await
            .unwrap();
        let b = hash_password(Password::parse("same password").unwrap())
            .await
            .unwrap();
        assert_ne!(a, b);
    }
}
