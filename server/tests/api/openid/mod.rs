//! Roster as an OpenID provider, driven over HTTP as a product and a browser would. (A real
//! relying party, `openid-client`, drives the same flow in the browser suite.)

mod commands;
mod flow_http;
mod keys_http;
mod malformed_http;
mod revocation_http;

use crate::support::{ApiClient, TestServer, same_origin_headers};
use crate::world::Person;
use reqwest::StatusCode;

pub const REDIRECT: &str = "http://127.0.0.1:9/callback";
pub const BYE: &str = "http://127.0.0.1:9/bye";
/// RFC 7636 appendix B.
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

pub struct Provider {
    pub server: TestServer,
    /// The secret of the confidential clients `app` (first party) and `third`.
    pub secret: String,
    _clients: tempfile::TempDir,
}

impl Provider {
    pub async fn start() -> Self {
        Self::start_with(|_| {}, None).await
    }

    /// `backchannel`: where `app` wants logout tokens.
    pub async fn start_with(
        adjust: impl FnOnce(&mut server::config::Config),
        backchannel: Option<String>,
    ) -> Self {
        let folder = tempfile::tempdir().unwrap();
        let secret = "rcs_test-secret-of-the-product".to_owned();
        let hash = app::secrets::hex::encode(&app::secrets::SecretHash::of(&secret).0);
        let backchannel = backchannel
            .map(|uri| format!("backchannel_logout_uri = \"{uri}\"\n"))
            .unwrap_or_default();
        let file = format!(
            r#"
[[client]]
id = "app"
name = "App"
secret_sha256 = "{hash}"
redirect_uris = ["{REDIRECT}"]
post_logout_redirect_uris = ["{BYE}"]
first_party = true
{backchannel}
[[client]]
id = "third"
name = "Third <script>alert(1)</script> party"
secret_sha256 = "{hash}"
redirect_uris = ["{REDIRECT}"]

[[client]]
id = "legacy"
name = "Legacy"
secret_sha256 = "{hash}"
redirect_uris = ["{REDIRECT}"]
first_party = true
id_token_signed_response_alg = "RS256"

[[client]]
id = "spa"
name = "Single page"
redirect_uris = ["{REDIRECT}"]
first_party = true
"#
        );
        let path = folder.path().join("clients.toml");
        std::fs::write(&path, file).unwrap();
        let server = TestServer::start_with(|config| {
            config.clients_file = Some(path);
            adjust(config);
        })
        .await;
        Self {
            server,
            secret,
            _clients: folder,
        }
    }

    pub fn authorize_query(client_id: &str, extra: &[(&str, &str)]) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("response_type", "code")
            .append_pair("client_id", client_id)
            .append_pair("redirect_uri", REDIRECT)
            .append_pair("scope", "openid email profile")
            .append_pair("state", "the-state")
            .append_pair("nonce", "the-nonce")
            .append_pair("code_challenge", CHALLENGE)
            .append_pair("code_challenge_method", "S256");
        for (name, value) in extra {
            query.append_pair(name, value);
        }
        query.finish()
    }

    /// The browser's first visit to the authorization endpoint.
    pub async fn authorize(
        &self,
        browser: &ApiClient,
        client_id: &str,
        extra: &[(&str, &str)],
    ) -> reqwest::Response {
        browser
            .get(&format!(
                "/oauth/authorize?{}",
                Self::authorize_query(client_id, extra)
            ))
            .await
    }

    /// The picker and consent form, submitted.
    pub async fn decide(
        &self,
        browser: &ApiClient,
        query: &str,
        chosen: Option<&str>,
        decision: &str,
    ) -> reqwest::Response {
        let mut body = format!("{query}&decision={decision}");
        if let Some(account) = chosen {
            body += &format!("&chosen_account={account}");
        }
        browser
            .client
            .post(format!("{}/oauth/authorize", browser.base_url))
            .headers(same_origin_headers(&browser.base_url))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// A code for `person`, through the picker and consent when they come.
    pub async fn code_for(
        &self,
        person: &Person,
        client_id: &str,
        extra: &[(&str, &str)],
    ) -> String {
        let first = self.authorize(&person.client, client_id, extra).await;
        let mut to = location(&first);
        if let Some(query) = to.strip_prefix("/oauth/decide?") {
            to = location(&self.decide(&person.client, query, None, "allow").await);
        }
        code_in(&to)
    }

    /// A form POST to one of the provider's endpoints, as client `app` (Basic authentication).
    pub async fn post_as(
        &self,
        client_id: &str,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        reqwest::Client::new()
            .post(format!("{}{path}", self.server.base_url))
            .basic_auth(client_id, Some(&self.secret))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn exchange(&self, code: &str) -> reqwest::Response {
        self.exchange_as("app", code).await
    }

    pub async fn exchange_as(&self, client_id: &str, code: &str) -> reqwest::Response {
        self.post_as(
            client_id,
            "/oauth/token",
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", REDIRECT),
                ("code_verifier", VERIFIER),
            ],
        )
        .await
    }

    /// Signs `person` in to `app` for the account and returns the token response.
    pub async fn tokens_for(&self, person: &Person, account_id: &str) -> serde_json::Value {
        let code = self
            .code_for(person, "app", &[("account_id", account_id)])
            .await;
        let answer = self.exchange(&code).await;
        assert_eq!(answer.status(), StatusCode::OK);
        answer.json().await.unwrap()
    }

    pub async fn refresh(&self, refresh_token: &str) -> reqwest::Response {
        self.post_as(
            "app",
            "/oauth/token",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
            ],
        )
        .await
    }

    pub async fn introspect(&self, token: &str) -> serde_json::Value {
        let answer = self
            .post_as("app", "/oauth/introspect", &[("token", token)])
            .await;
        assert_eq!(answer.status(), StatusCode::OK);
        answer.json().await.unwrap()
    }

    /// Verifies a token of `app` with the published JWKS, as a product does (not with Roster's
    /// code).
    pub async fn verified(&self, token: &str) -> serde_json::Value {
        self.verified_for(token, "app").await
    }

    pub async fn verified_for(&self, token: &str, audience: &str) -> serde_json::Value {
        let jwks: jsonwebtoken::jwk::JwkSet =
            reqwest::get(format!("{}/oauth/jwks", self.server.base_url))
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
        let header = jsonwebtoken::decode_header(token).unwrap();
        let jwk = jwks
            .find(header.kid.as_deref().unwrap())
            .expect("the signing key is published");
        let key = jsonwebtoken::DecodingKey::from_jwk(jwk).unwrap();
        let mut validation = jsonwebtoken::Validation::new(header.alg);
        validation.set_audience(&[audience]);
        validation.set_issuer(&[self.server.state.oauth.issuer.as_str()]);
        jsonwebtoken::decode::<serde_json::Value>(token, &key, &validation)
            .expect("the token verifies with the JWKS")
            .claims
    }
}

pub fn location(response: &reqwest::Response) -> String {
    assert!(
        response.status().is_redirection(),
        "expected a redirect, got {}",
        response.status()
    );
    response.headers()["location"].to_str().unwrap().to_owned()
}

pub fn query_of(url: &str) -> std::collections::HashMap<String, String> {
    let query = url.split_once('?').map(|(_, query)| query).unwrap_or("");
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

pub fn code_in(url: &str) -> String {
    assert!(
        url.starts_with(REDIRECT),
        "expected the product's redirect, got {url}"
    );
    query_of(url).remove("code").expect("a code")
}

/// A JWT's claims, read without checking (to look at what a product would see).
pub fn claims_of(token: &str) -> serde_json::Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}
