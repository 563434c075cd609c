//! The keys Roster signs tokens with (ES256, P-256), kept in the database so that every server
//! signs and verifies with the same ones. A new key is published in the JWKS a day (a flag)
//! before it signs, so that a product that cached the JWKS already knows it; an old key stays
//! published until the last token it signed has expired.

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
        _ => None,
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

    /// The key that signs now: the newest whose start has come.
    pub fn signer(&self, now: DateTime<Utc>) -> Option<&SigningKey> {
        self.keys.iter().rev().find(|key| key.signs_from <= now)
    }

    /// A key by its id, for verifying a token Roster signed.
    pub fn by_kid(&self, kid: &str) -> Option<&SigningKey> {
        self.keys.iter().find(|key| key.kid == kid)
    }

    /// What the JWKS shows: keys still to sign, the signer, and keys that stopped signing less
    /// than `tokens_live_for` ago (their tokens may still be in use).
    pub fn published(&self, now: DateTime<Utc>, tokens_live_for: Duration) -> Vec<&SigningKey> {
        let live_for = chrono::Duration::from_std(tokens_live_for).unwrap_or_default();
        self.keys
            .iter()
            .enumerate()
            .filter(|(index, _)| {
                // When the next key took over from this one (none yet: it signs, or will).
                match self.keys.get(index + 1) {
                    None => true,
                    Some(successor) => successor.signs_from > now - live_for,
                }
            })
            .map(|(_, key)| key)
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

/// Makes sure a key signs now: on the first start there is none (nothing to pre-publish, as no
/// product has seen a key yet). Two servers starting at once may both add one; the newer signs.
pub async fn ensure_signing_key(pool: &crate::db::Pool) -> Result<(), String> {
    let keys = super::keys_queries::all(pool)
        .await
        .map_err(|error| error.to_string())?;
    if KeyRing::new(keys).signer(Utc::now()).is_some() {
        return Ok(());
    }
    let key = generate_es256()?;
    super::keys_queries::insert(pool, &key, "ES256", &crate::server::now_rfc3339())
        .await
        .map_err(|error| error.to_string())
}

/// Adds the next key, published now and signing after `published_for` (the operator's
/// `roster keys rotate`). Returns its id and when it starts to sign.
pub async fn rotate(
    pool: &crate::db::Pool,
    published_for: Duration,
) -> Result<(String, String), String> {
    let key = generate_es256()?;
    let starts = crate::server::rfc3339(
        Utc::now() + chrono::Duration::from_std(published_for).unwrap_or_default(),
    );
    super::keys_queries::insert(pool, &key, "ES256", &starts)
        .await
        .map_err(|error| error.to_string())?;
    Ok((key.kid, starts))
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
        assert_eq!(ring.signer(now).unwrap().kid, current_kid);
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
        assert_eq!(ring.signer(now + hour * 25).unwrap().kid, next_kid);
    }

    #[test]
    fn a_token_signed_with_a_stored_key_verifies_with_its_public_half() {
        let key = key_starting(Utc::now());
        let mut header = jsonwebtoken::Header::new(Algorithm::ES256);
        header.kid = Some(key.kid.clone());
        let claims = serde_json::json!({"sub": "u", "exp": Utc::now().timestamp() + 60});
        let token = jsonwebtoken::encode(&header, &claims, &key.encoding).unwrap();
        let mut validation = jsonwebtoken::Validation::new(Algorithm::ES256);
        validation.validate_aud = false;
        let read =
            jsonwebtoken::decode::<serde_json::Value>(&token, &key.decoding, &validation).unwrap();
        assert_eq!(read.claims["sub"], "u");
        assert!(!key.public_jwk.to_string().contains("\"d\""));
    }
}
