//! Password hashing with argon2id (19 MiB, t=2, p=1). These functions block for tens of
//! milliseconds and take 19 MiB each: they run only on the hashing pool ([`super::HashingPool`]).

use crate::domain::Password;
use argon2::password_hash::{Output, PasswordHash, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::cell::RefCell;
use std::sync::LazyLock;

fn params() -> Params {
    Params::new(19 * 1024, 2, 1, None).expect("argon2 parameters are valid")
}

thread_local! {
    /// Each hashing thread fills the same 19 MiB again and again. Left to the allocator,
    /// every hash took a fresh 64-byte-aligned 19 MiB block, which glibc never gave back:
    /// RSS reached 450 MB under a sign-in flood with only two hashes ever running at once.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// argon2id of `password` and raw `salt` with `params`, into `out`, in this thread's memory.
fn compute(params: Params, password: &[u8], salt: &[u8], out: &mut [u8]) -> argon2::Result<()> {
    let blocks = params.block_count();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    MEMORY.with_borrow_mut(|memory| {
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        argon2.hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
    })
}

fn phc_string(password: &[u8], salt: &SaltString) -> Option<String> {
    let mut salt_bytes = [0u8; 64];
    let raw_salt = salt.as_salt().decode_b64(&mut salt_bytes).ok()?;
    let params = params();
    let output = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
        compute(params.clone(), password, raw_salt, out).map_err(Into::into)
    })
    .ok()?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: (&params).try_into().ok()?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Some(hash.to_string())
}

/// Verified against when the email is unknown, so that an unknown email costs as much time as a
/// wrong password and the two cannot be told apart by timing.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| {
    phc_string(b"decoy password", &SaltString::generate(&mut OsRng))
        .expect("hashing a constant succeeds")
});

/// The PHC string of `password` with a fresh salt.
pub fn hash_blocking(password: &Password) -> Option<String> {
    let hash = phc_string(
        password.expose().as_bytes(),
        &SaltString::generate(&mut OsRng),
    );
    if hash.is_none() {
        tracing::error!("password hashing failed");
    }
    hash
}

/// True when `password` matches `stored_hash`; with `None`, checks against a decoy and fails.
pub fn verify_blocking(password: &str, stored_hash: Option<&str>) -> bool {
    let known = stored_hash.is_some();
    let hash_text = stored_hash.unwrap_or(DECOY_HASH.as_str());
    let matches = matches_phc(password.as_bytes(), hash_text);
    if matches.is_none() {
        tracing::error!("a stored password hash could not be parsed");
    }
    known && matches == Some(true)
}

/// Whether `password` hashes to the argon2id PHC string `stored`; `None` if it is not one.
fn matches_phc(password: &[u8], stored: &str) -> Option<bool> {
    let hash = PasswordHash::new(stored).ok()?;
    if Algorithm::try_from(hash.algorithm).ok()? != Algorithm::Argon2id {
        return None;
    }
    let params = Params::try_from(&hash).ok()?;
    let expected = hash.hash?;
    let mut salt_bytes = [0u8; 64];
    let raw_salt = hash.salt?.decode_b64(&mut salt_bytes).ok()?;
    let mut out = vec![0u8; expected.len()];
    compute(params, password, raw_salt, &mut out).ok()?;
    // `Output`'s equality is constant-time.
    Some(Output::new(&out).ok()? == expected)
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
    fn hashes_stored_by_the_argon2_crate_itself_still_verify() {
        use argon2::password_hash::PasswordHasher;
        let stored = Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
            .hash_password(b"older password", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(verify_blocking("older password", Some(&stored)));
        assert!(!verify_blocking("other password", Some(&stored)));
    }

    #[test]
    fn a_thread_keeps_one_block_of_hashing_memory_however_many_hashes_it_computes() {
        let password = Password::parse("memory reuse").unwrap();
        let first = hash_blocking(&password).unwrap();
        let address = MEMORY.with_borrow(|memory| memory.as_ptr() as usize);
        for _ in 0..3 {
            assert!(verify_blocking("memory reuse", Some(&first)));
        }
        MEMORY.with_borrow(|memory| {
            assert_eq!(memory.as_ptr() as usize, address);
            assert_eq!(memory.len(), params().block_count());
        });
    }

    #[test]
    fn something_that_is_not_an_argon2id_hash_never_verifies() {
        assert!(!verify_blocking("x", Some("$2b$12$notargon")));
        assert!(!verify_blocking("x", Some("")));
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_their_salt() {
        let password = Password::parse("same password").unwrap();
        assert_ne!(hash_blocking(&password), hash_blocking(&password));
    }
}
