//! The keys Roster signs tokens with (ES256 on P-256 by default, RS256 for the products that
//! ask for it), kept in the database so that every server
//! signs and verifies with the same ones. A new key is published in the JWKS a day (a flag)
//! before it signs, so that a product that cached the JWKS already knows it; an old key stays
//! published until the last token it signed has expired.

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One key as the servers use it. Its private half never leaves this type.
pub struct SigningKey {
    pub kid: String,
    pub algorithm: Algorithm,
    pub encoding: EncodingKey,
    pub decoding: DecodingKey,
    pub public_jwk: serde_json::Value,
    pub signs_from: DateTime<Utc>,
}

/// A freshly made key, as stored.
pub struct NewKey {
    pub kid: String,
    pub private_key: Vec<u8>,
    pub public_jwk: serde_json::Value,
}

/// Makes a P-256 key for ES256.
pub fn generate_es256() -> Result<NewKey, String> {
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
        .map_err(|_| "could not generate a P-256 key".to_owned())?;
    let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref())
        .map_err(|_| "could not read the generated key".to_owned())?;
    // Uncompressed point: 0x04, then x and y, 32 bytes each.
    let point = pair.public_key().as_ref();
    if point.len() != 65 || point[0] != 4 {
        return Err("unexpected public key encoding".into());
    }
    let kid = crate::secrets::prefixed_random("")[..16].to_owned();
    let public_jwk = serde_json::json!({
        "kty": "EC",
        "crv": "P-256",
        "x": URL_SAFE_NO_PAD.encode(&point[1..33]),
        "y": URL_SAFE_NO_PAD.encode(&point[33..65]),
        "use": "sig",
        "alg": "ES256",
        "kid": kid,
    });
    Ok(NewKey {
        kid,
        private_key: pkcs8.as_ref().to_vec(),
        public_jwk,
    })
}

/// Makes a 2048-bit RSA key for RS256 (for products whose libraries know no ES256).
pub fn generate_rs256() -> Result<NewKey, String> {
    let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048)
        .map_err(|_| "could not generate an RSA key".to_owned())?;
    let pkcs8 = AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&pair)
        .map_err(|_| "could not encode the RSA key".to_owned())?;
    let (n, e) = rsa_public_parts(pair.public_key().as_ref())
        .ok_or_else(|| "unexpected RSA public key encoding".to_owned())?;
    let kid = crate::secrets::prefixed_random("")[..16].to_owned();
    let public_jwk = serde_json::json!({
        "kty": "RSA",
        "n": URL_SAFE_NO_PAD.encode(n),
        "e": URL_SAFE_NO_PAD.encode(e),
        "use": "sig",
        "alg": "RS256",
        "kid": kid,
    });
    Ok(NewKey {
        kid,
        private_key: pkcs8.as_ref().to_vec(),
        public_jwk,
    })
}

/// The modulus and exponent of a DER `RSAPublicKey` (RFC 8017: a SEQUENCE of two INTEGERs),
/// without their sign-padding zero.
fn rsa_public_parts(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let (tag, body, _) = der_item(der)?;
    if tag != 0x30 {
        return None;
    }
    let (n_tag, n, rest) = der_item(body)?;
    let (e_tag, e, _) = der_item(rest)?;
    (n_tag == 2 && e_tag == 2).then(|| (strip_zero(n), strip_zero(e)))
}

fn strip_zero(int: &[u8]) -> &[u8] {
    match int {
        [0, rest @ ..] if !rest.is_empty() => rest,
        _ => int,
    }
}

/// One DER item: its tag, its contents and what follows it.
fn der_item(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let length = rest[..count]
            .iter()
            .fold(0usize, |length, byte| (length << 8) | usize::from(*byte));
        (length, &rest[count..])
    };
    (rest.len() >= length).then(|| (tag, &rest[..length], &rest[length..]))
}

/// The PEM `PRIVATE KEY` jsonwebtoken reads an RSA key from (it takes PKCS#8 only this way).
fn pkcs8_pem(der: &[u8]) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(der);
    let mut pem = String::from("-----BEGIN PRIVATE KEY-----\n");
    for line in encoded.as_bytes().chunks(64) {
        pem.push_str(std::str::from_utf8(line).unwrap_or_default());
        pem.push('\n');
    }
    pem.push_str("-----END PRIVATE KEY-----\n");
    pem
}

/// Reads a stored key; `None` for a row this build cannot use.
pub fn from_row(
    kid: String,
    algorithm: &str,
    private_key: &[u8],
    public_jwk: &str,
    signs_from: &str,
) -> Option<SigningKey> {
    let jwk: serde_json::Value = serde_json::from_str(public_jwk).ok()?;
    let signs_from = DateTime::parse_from_rfc3339(signs_from)
        .ok()?
        .with_timezone(&Utc);
    match algorithm {
        "ES256" => {
            let decoding =
                DecodingKey::from_ec_components(jwk["x"].as_str()?, jwk["y"].as_str()?).ok()?;
            Some(SigningKey {
                kid,
                algorithm: Algorithm::ES256,
                encoding: EncodingKey::from_ec_der(private_key),
                decoding,
                public_jwk: jwk,
                signs_from,
            })
        }
        "RS256" => {
            let encoding = EncodingKey::from_rsa_pem(pkcs8_pem(private_key).as_bytes()).ok()?;
            let decoding =
                DecodingKey::from_rsa_components(jwk["n"].as_str()?, jwk["e"].as_str()?).ok()?;
            Some(SigningKey {
                kid,
                algorithm: Algorithm::RS256,
                encoding,
                decoding,
                public_jwk: jwk,
                signs_from,
            })
        }
        _ => None,
    }
}

/// The algorithms Roster signs with, by their JOSE names.
pub fn algorithm_named(name: &str) -> Option<Algorithm> {
    match name {
        "ES256" => Some(Algorithm::ES256),
        "RS256" => Some(Algorithm::RS256),
        _ => None,
    }
}

fn algorithm_name(algorithm: Algorithm) -> &'static str {
    match algorithm {
        Algorithm::RS256 => "RS256",
        _ => "ES256",
    }
}

fn generate(algorithm: Algorithm) -> Result<NewKey, String> {
    match algorithm {
        Algorithm::RS256 => generate_rs256(),
        _ => generate_es256(),
    }
}

/// Every key the servers know, oldest start first.
pub struct KeyRing {
    keys: Vec<SigningKey>,
}

impl KeyRing {
    pub fn new(mut keys: Vec<SigningKey>) -> Self {
        keys.sort_by_key(|key| key.signs_from);
        Self { keys }
    }

    /// The key of `algorithm` that signs now: the newest whose start has come.
    pub fn signer(&self, now: DateTime<Utc>, algorithm: Algorithm) -> Option<&SigningKey> {
        self.of(algorithm).rev().find(|key| key.signs_from <= now)
    }

    fn of(&self, algorithm: Algorithm) -> impl DoubleEndedIterator<Item = &SigningKey> {
        self.keys
            .iter()
            .filter(move |key| key.algorithm == algorithm)
    }

    /// A key by its id, for verifying a token Roster signed.
    pub fn by_kid(&self, kid: &str) -> Option<&SigningKey> {
        self.keys.iter().find(|key| key.kid == kid)
    }

    /// What the JWKS shows: keys still to sign, the signer, and keys that stopped signing less
    /// than `tokens_live_for` ago (their tokens may still be in use).
    pub fn published(&self, now: DateTime<Utc>, tokens_live_for: Duration) -> Vec<&SigningKey> {
        let live_for = chrono::Duration::from_std(tokens_live_for).unwrap_or_default();
        [Algorithm::ES256, Algorithm::RS256]
            .into_iter()
            .flat_map(|algorithm| {
                let keys: Vec<&SigningKey> = self.of(algorithm).collect();
                (0..keys.len())
                    // When the next key took over from this one (none yet: it signs, or will).
                    .filter(|index| {
                        keys.get(index + 1)
                            .is_none_or(|successor| successor.signs_from > now - live_for)
                    })
                    .map(|index| keys[index])
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The next moment the signer changes, if one is known.
    fn next_change(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.keys
            .iter()
            .map(|key| key.signs_from)
            .find(|start| *start > now)
    }
}

/// The key ring as one server holds it: read from the database again every `refresh` (and when
/// a known next key's start comes), so that a key rotated in by the operator reaches every
/// server long before it signs.
pub struct Keys {
    pool: crate::db::Pool,
    refresh: Duration,
    held: tokio::sync::RwLock<Option<(Instant, Arc<KeyRing>)>>,
}

impl Keys {
    pub fn new(pool: crate::db::Pool, refresh: Duration) -> Self {
        Self {
            pool,
            refresh,
            held: tokio::sync::RwLock::new(None),
        }
    }

    pub async fn ring(&self) -> Result<Arc<KeyRing>, sqlx::Error> {
        let now = Utc::now();
        if let Some((read_at, ring)) = self.held.read().await.as_ref()
            && read_at.elapsed() < self.refresh
            && ring
                .next_change(now)
                .is_none_or(|change| change > now + self.slack())
        {
            return Ok(ring.clone());
        }
        let ring = Arc::new(KeyRing::new(super::keys_queries::all(&self.pool).await?));
        *self.held.write().await = Some((Instant::now(), ring.clone()));
        Ok(ring)
    }

    /// Forgets the held ring (after a rotation on this server).
    pub async fn forget(&self) {
        *self.held.write().await = None;
    }

    fn slack(&self) -> chrono::Duration {
        chrono::Duration::zero()
    }
}

/// Makes sure a key of each of `algorithms` signs now: on the first start there is none
/// (nothing to pre-publish, as no product has seen a key yet). Two servers starting at once may
/// both add one; the newer signs.
pub async fn ensure_signing_keys(
    pool: &crate::db::Pool,
    algorithms: &[Algorithm],
) -> Result<(), String> {
    let ring = KeyRing::new(
        super::keys_queries::all(pool)
            .await
            .map_err(|error| error.to_string())?,
    );
    for &algorithm in algorithms {
        if ring.signer(Utc::now(), algorithm).is_some() {
            continue;
        }
        let key = generate(algorithm)?;
        super::keys_queries::insert(
            pool,
            &key,
            algorithm_name(algorithm),
            &crate::server::now_rfc3339(),
        )
        .await
        .map_err(|error| error.to_string())?;
    }
    Ok(())
}

/// Adds the next key of every algorithm in use, published now and signing after
/// `published_for` (the operator's `roster keys rotate`). Returns each new key's id and when it
/// starts to sign.
pub async fn rotate(
    pool: &crate::db::Pool,
    published_for: Duration,
) -> Result<Vec<(String, String)>, String> {
    let ring = KeyRing::new(
        super::keys_queries::all(pool)
            .await
            .map_err(|error| error.to_string())?,
    );
    let starts = crate::server::rfc3339(
        Utc::now() + chrono::Duration::from_std(published_for).unwrap_or_default(),
    );
    let mut made = Vec::new();
    for algorithm in [Algorithm::ES256, Algorithm::RS256] {
        if algorithm != Algorithm::ES256 && ring.of(algorithm).next().is_none() {
            continue;
        }
        let key = generate(algorithm)?;
        super::keys_queries::insert(pool, &key, algorithm_name(algorithm), &starts)
            .await
            .map_err(|error| error.to_string())?;
        made.push((key.kid, starts.clone()));
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_starting(at: DateTime<Utc>) -> SigningKey {
        let made = generate_es256().unwrap();
        from_row(
            made.kid,
            "ES256",
            &made.private_key,
            &made.public_jwk.to_string(),
            &crate::server::rfc3339(at),
        )
        .unwrap()
    }

    #[test]
    fn the_next_key_is_published_before_it_signs_and_the_old_one_until_its_tokens_expire() {
        let now = Utc::now();
        let hour = chrono::Duration::hours(1);
        let old = key_starting(now - hour * 48);
        let current = key_starting(now - hour * 2);
        let next = key_starting(now + hour * 24);
        let (old_kid, current_kid, next_kid) =
            (old.kid.clone(), current.kid.clone(), next.kid.clone());
        let ring = KeyRing::new(vec![next, old, current]);
        assert_eq!(ring.signer(now, Algorithm::ES256).unwrap().kid, current_kid);
        let published = |live_for_hours: u64| -> Vec<String> {
            ring.published(now, Duration::from_secs(live_for_hours * 3600))
                .iter()
                .map(|key| key.kid.clone())
                .collect()
        };
        // Tokens live an hour: the old key stopped signing two hours ago, so it is gone.
        assert_eq!(published(1), vec![current_kid.clone(), next_kid.clone()]);
        // Tokens live three hours: the old key's may still be in use.
        assert_eq!(
            published(3),
            vec![old_kid, current_kid.clone(), next_kid.clone()]
        );
        assert_eq!(
            ring.signer(now + hour * 25, Algorithm::ES256).unwrap().kid,
            next_kid
        );
        assert!(ring.signer(now, Algorithm::RS256).is_none());
    }

    #[test]
    fn a_token_signed_with_a_stored_key_verifies_with_its_public_half() {
        let rsa = generate_rs256().unwrap();
        let rsa = from_row(
            rsa.kid,
            "RS256",
            &rsa.private_key,
            &rsa.public_jwk.to_string(),
            &crate::server::now_rfc3339(),
        )
        .unwrap();
        for key in [key_starting(Utc::now()), rsa] {
            signs_and_verifies(&key);
        }
    }

    fn signs_and_verifies(key: &SigningKey) {
        let mut header = jsonwebtoken::Header::new(key.algorithm);
        header.kid = Some(key.kid.clone());
        let claims = serde_json::json!({"sub": "u", "exp": Utc::now().timestamp() + 60});
        let token = jsonwebtoken::encode(&header, &claims, &key.encoding).unwrap();
        let mut validation = jsonwebtoken::Validation::new(key.algorithm);
        validation.validate_aud = false;
        let read =
            jsonwebtoken::decode::<serde_json::Value>(&token, &key.decoding, &validation).unwrap();
        assert_eq!(read.claims["sub"], "u");
        assert!(!key.public_jwk.to_string().contains("\"d\""));
    }
}
