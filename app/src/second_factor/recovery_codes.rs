//! Recovery codes: ten single-use codes for the day the authenticator is lost. Each holds 79
//! random bits, so that a stored SHA-256 hash is as good as the code is unguessable; only the
//! hashes are kept, and the codes are shown once.

use crate::secrets::SecretHash;
use rand::Rng;
use rand::rngs::OsRng;

pub const HOW_MANY: usize = 10;
/// Letters and digits nobody confuses when copying from paper (no 0/o, 1/l/i).
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const GROUPS: usize = 4;
const GROUP_LEN: usize = 4;

/// Ten fresh codes, as the user sees them ("abcd-efgh-jkmn-pqrs").
pub fn generate() -> Vec<String> {
    (0..HOW_MANY).map(|_| one()).collect()
}

fn one() -> String {
    let mut rng = OsRng;
    (0..GROUPS)
        .map(|_| {
            (0..GROUP_LEN)
                .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The hash a typed code is looked up by: case, spaces and dashes do not matter. `None` for
/// what cannot be a code.
pub fn hash_of_typed(typed: &str) -> Option<SecretHash> {
    let letters: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (letters.len() == GROUPS * GROUP_LEN && letters.bytes().all(|b| ALPHABET.contains(&b)))
        .then(|| SecretHash::of(&letters))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_found_however_it_is_typed() {
        let code = generate().remove(0);
        let hash = hash_of_typed(&code).unwrap();
        assert!(hash.matches(&hash_of_typed(&code.to_uppercase().replace('-', " ")).unwrap()));
        assert!(hash.matches(&hash_of_typed(&code.replace('-', "")).unwrap()));
        assert!(hash_of_typed("abcd-efgh").is_none());
        assert!(hash_of_typed("0000-0000-0000-0000").is_none());
    }

    #[test]
    fn ten_different_codes_of_80_bits_each() {
        let codes = generate();
        assert_eq!(codes.len(), HOW_MANY);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), HOW_MANY);
        // 31 letters, 16 of them: log2(31^16) ≈ 79.3 bits.
        assert!(codes.iter().all(|code| code.len() == 19));
    }
}
