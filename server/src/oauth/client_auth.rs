//! Who the calling product is: `client_secret_basic` (RFC 6749 §2.3.1), `client_secret_post`,
//! or, for a public client, its id alone (`none`, PKCE having bound the code to it).

use super::form::Params;
use app::oauth::clients::Client;
use app::oauth::error::OAuthError;
use app::server::AppState;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::HeaderMap;

pub struct Authenticated<'a> {
    pub client: &'a Client,
}

/// `allow_public`: whether a public client may call this endpoint (the token and revocation
/// endpoints: yes; introspection: no).
pub fn authenticate<'a>(
    state: &'a AppState,
    headers: &HeaderMap,
    params: &Params,
    allow_public: bool,
) -> Result<Authenticated<'a>, OAuthError> {
    let basic = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Basic "));
    let (id, secret) = match basic {
        Some(encoded) => {
            let decoded = STANDARD
                .decode(encoded.trim())
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .ok_or(OAuthError::InvalidClient)?;
            let (id, secret) = decoded.split_once(':').ok_or(OAuthError::InvalidClient)?;
            (form_decoded(id), Some(form_decoded(secret)))
        }
        None => (
            params
                .get("client_id")
                .ok_or(OAuthError::InvalidClient)?
                .to_owned(),
            params.get("client_secret").map(str::to_owned),
        ),
    };
    let client = state
        .oauth
        .clients
        .get(&id)
        .ok_or(OAuthError::InvalidClient)?;
    if client.is_public() {
        if secret.is_some() || !allow_public {
            return Err(OAuthError::InvalidClient);
        }
    } else if !secret.is_some_and(|secret| client.secret_matches(&secret)) {
        return Err(OAuthError::InvalidClient);
    }
    Ok(Authenticated { client })
}

/// The id and secret in a Basic header are form-encoded first (RFC 6749 §2.3.1).
fn form_decoded(text: &str) -> String {
    form_urlencoded::parse(format!("x={text}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}
