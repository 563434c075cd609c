//! The tokens Roster signs: the access token (RFC 9068, `at+jwt`) that names one account with
//! flat roles and permissions, the ID token, and the back-channel logout token.

use super::keys::KeyRing;
use super::member_claims::{AccountClaim, MemberClaims};
use chrono::Utc;
use jsonwebtoken::{Algorithm, Header, Validation};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AccessClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub client_id: String,
    pub exp: i64,
    pub iat: i64,
    pub jti: String,
    pub scope: String,
    /// The grant (the product's sign-in): ends with it.
    pub sid: String,
    pub account_id: String,
    pub account_name: String,
    pub roles: Vec<String>,
    pub permissions: Vec<String>,
    pub amr: Vec<String>,
    pub auth_time: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IdClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
    pub auth_time: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    pub amr: Vec<String>,
    pub sid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The account the product was signed into.
    pub account_id: String,
    /// The user's accounts with their roles, capped (all of them through userinfo).
    pub accounts: Vec<AccountClaim>,
}

/// Who the user is, for the ID token and userinfo.
pub struct Person {
    pub id: String,
    pub email: String,
    pub email_verified: bool,
    pub name: String,
}

/// What every token of one grant shares.
pub struct GrantFacts<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub user_id: &'a str,
    pub grant_id: &'a str,
    pub account_id: &'a str,
    pub scope: &'a str,
    pub amr: &'a str,
    pub auth_time: i64,
}

pub fn amr_list(amr: &str) -> Vec<String> {
    amr.split_whitespace().map(str::to_owned).collect()
}

pub fn access_claims(
    facts: &GrantFacts<'_>,
    member: &MemberClaims,
    lifetime: std::time::Duration,
) -> AccessClaims {
    let now = Utc::now().timestamp();
    AccessClaims {
        iss: facts.issuer.to_owned(),
        sub: facts.user_id.to_owned(),
        aud: facts.client_id.to_owned(),
        client_id: facts.client_id.to_owned(),
        exp: now + seconds(lifetime),
        iat: now,
        jti: uuid::Uuid::new_v4().to_string(),
        scope: facts.scope.to_owned(),
        sid: facts.grant_id.to_owned(),
        account_id: facts.account_id.to_owned(),
        account_name: member.account_name.clone(),
        roles: member.roles.clone(),
        permissions: member.permissions.clone(),
        amr: amr_list(facts.amr),
        auth_time: facts.auth_time,
    }
}

pub fn id_claims(
    facts: &GrantFacts<'_>,
    person: &Person,
    nonce: Option<String>,
    accounts: Vec<AccountClaim>,
    lifetime: std::time::Duration,
) -> IdClaims {
    let now = Utc::now().timestamp();
    let has = |scope: &str| facts.scope.split(' ').any(|given| given == scope);
    IdClaims {
        iss: facts.issuer.to_owned(),
        sub: facts.user_id.to_owned(),
        aud: facts.client_id.to_owned(),
        exp: now + seconds(lifetime),
        iat: now,
        auth_time: facts.auth_time,
        nonce,
        amr: amr_list(facts.amr),
        sid: facts.grant_id.to_owned(),
        email: has("email").then(|| person.email.clone()),
        email_verified: has("email").then_some(person.email_verified),
        name: has("profile").then(|| person.name.clone()),
        account_id: facts.account_id.to_owned(),
        accounts,
    }
}

fn seconds(duration: std::time::Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX / 2)
}

#[derive(Debug)]
pub struct NoSigningKey;

/// Signs `claims` with the key of `algorithm` that signs now, naming it in the header (`kid`).
pub fn sign<T: Serialize>(
    ring: &KeyRing,
    algorithm: Algorithm,
    typ: &str,
    claims: &T,
) -> Result<String, NoSigningKey> {
    let key = ring.signer(Utc::now(), algorithm).ok_or(NoSigningKey)?;
    let mut header = Header::new(key.algorithm);
    header.kid = Some(key.kid.clone());
    header.typ = Some(typ.to_owned());
    jsonwebtoken::encode(&header, claims, &key.encoding).map_err(|error| {
        tracing::error!(%error, "signing a token failed");
        NoSigningKey
    })
}

/// Reads a token Roster signed (any key it still holds), checking the signature, the issuer
/// and, unless `allow_expired`, the expiry. `None` for anything else.
pub fn verify<T: for<'de> Deserialize<'de>>(
    ring: &KeyRing,
    token: &str,
    issuer: &str,
    typ: &str,
    allow_expired: bool,
) -> Option<T> {
    if token.len() > 16 * 1024 {
        return None;
    }
    let header = jsonwebtoken::decode_header(token).ok()?;
    if header.typ.as_deref() != Some(typ) {
        return None;
    }
    let key = ring.by_kid(header.kid.as_deref()?)?;
    if header.alg != key.algorithm {
        return None;
    }
    let mut validation = Validation::new(key.algorithm);
    validation.validate_aud = false;
    validation.leeway = 0;
    validation.set_issuer(&[issuer]);
    validation.validate_exp = !allow_expired;
    if allow_expired {
        validation.required_spec_claims.remove("exp");
    }
    jsonwebtoken::decode::<T>(token, &key.decoding, &validation)
        .ok()
        .map(|data| data.claims)
}

pub const ACCESS_TOKEN_TYPE: &str = "at+jwt";
pub const ID_TOKEN_TYPE: &str = "JWT";
pub const LOGOUT_TOKEN_TYPE: &str = "logout+jwt";

/// The back-channel logout token (OpenID Connect Back-Channel Logout 1.0 §2.4).
pub fn logout_claims(
    issuer: &str,
    client_id: &str,
    user_id: &str,
    grant_id: &str,
) -> serde_json::Value {
    let now = Utc::now().timestamp();
    serde_json::json!({
        "iss": issuer,
        "aud": client_id,
        "iat": now,
        "exp": now + 120,
        "jti": uuid::Uuid::new_v4().to_string(),
        "sub": user_id,
        "sid": grant_id,
        "events": { "http://schemas.openid.net/event/backchannel-logout": {} },
    })
}
