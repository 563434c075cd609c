//! An authorization request (OpenID Connect Core §3.1.2.1) read and checked before anything
//! else happens. Until the client and its redirect URI are known good, nothing is sent
//! anywhere: the problem is shown on Roster's own page (no open redirect). After that, every
//! problem goes back to the product as an error on its redirect URI.

use super::clients::{Client, Clients};
pub use super::problem::Problem;
use serde::{Deserialize, Serialize};

/// The request's parameters as they came (query or form). `login_after` is Roster's own: set
/// when it sends the browser to sign in again (`prompt=login`), so that coming back does not
/// ask a second time.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct AuthorizeParams {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub prompt: Option<String>,
    pub max_age: Option<String>,
    pub account_id: Option<String>,
    pub organization: Option<String>,
    pub login_after: Option<String>,
}

impl AuthorizeParams {
    /// Reads a query string; `None` when a parameter is repeated (OAuth 2.0 §3.1) or a value is
    /// not a string.
    pub fn from_query(query: &str) -> Option<Self> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        let mut map = serde_json::Map::new();
        for (name, value) in pairs {
            if map.insert(name, serde_json::Value::String(value)).is_some() {
                return None;
            }
        }
        serde_json::from_value(serde_json::Value::Object(map)).ok()
    }

    /// The parameters as a query string, to come back to the same request.
    pub fn to_query(&self) -> String {
        serde_urlencoded_pairs(self)
    }
}

fn serde_urlencoded_pairs(params: &AuthorizeParams) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in params.pairs() {
        query.append_pair(name, value);
    }
    query.finish()
}

impl AuthorizeParams {
    /// Every parameter given, by name.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("response_type", &self.response_type),
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("scope", &self.scope),
            ("state", &self.state),
            ("nonce", &self.nonce),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", &self.code_challenge_method),
            ("prompt", &self.prompt),
            ("max_age", &self.max_age),
            ("account_id", &self.account_id),
            ("organization", &self.organization),
            ("login_after", &self.login_after),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.as_deref().map(|value| (name, value)))
        .collect()
    }
}

/// A request that passed every check.
#[derive(Debug, Clone)]
pub struct AuthorizeRequest {
    pub client: Client,
    pub redirect_uri: String,
    /// The scopes asked for, each once, in the order given.
    pub scope: String,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: String,
    pub prompt: Prompt,
    pub max_age: Option<i64>,
    /// The account the product asks for (`account_id` or `organization`).
    pub account_hint: Option<String>,
    pub login_after: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prompt {
    pub none: bool,
    pub login: bool,
    pub consent: bool,
    pub select_account: bool,
}

/// An error for the product, sent to its (registered) redirect URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientError {
    pub redirect_uri: String,
    pub state: Option<String>,
    pub error: &'static str,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Here(Problem),
    ToClient(ClientError),
}

/// The longest value any parameter may have (a request is never unbounded).
const MAX_PARAM: usize = 2000;

pub fn check(params: &AuthorizeParams, clients: &Clients) -> Result<AuthorizeRequest, Refusal> {
    if params
        .pairs()
        .iter()
        .any(|(_, value)| value.len() > MAX_PARAM)
    {
        return Err(Refusal::Here(Problem::Malformed));
    }
    let client = params
        .client_id
        .as_deref()
        .and_then(|id| clients.get(id))
        .ok_or(Refusal::Here(Problem::UnknownClient))?;
    let redirect_uri = params
        .redirect_uri
        .as_deref()
        .ok_or(Refusal::Here(Problem::MissingRedirect))?;
    if !client.allows_redirect(redirect_uri) {
        return Err(Refusal::Here(Problem::UnregisteredRedirect));
    }
    let refuse = |error: &'static str, description: &str| {
        Refusal::ToClient(ClientError {
            redirect_uri: redirect_uri.to_owned(),
            state: params.state.clone(),
            error,
            description: description.to_owned(),
        })
    };
    if params.response_type.as_deref() != Some("code") {
        return Err(refuse(
            "unsupported_response_type",
            "only response_type=code is supported",
        ));
    }
    let mut scopes: Vec<&str> = Vec::new();
    for scope in params.scope.as_deref().unwrap_or("").split(' ') {
        if !scope.is_empty() && !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    if !scopes.contains(&"openid") {
        return Err(refuse("invalid_scope", "the openid scope is required"));
    }
    if let Some(scope) = scopes.iter().find(|scope| !client.allows_scope(scope)) {
        return Err(refuse(
            "invalid_scope",
            &format!("this client may not ask for the scope {scope}"),
        ));
    }
    let Some(code_challenge) = params.code_challenge.clone() else {
        return Err(refuse(
            "invalid_request",
            "PKCE is required: send code_challenge with code_challenge_method=S256",
        ));
    };
    if params.code_challenge_method.as_deref() != Some("S256") {
        return Err(refuse(
            "invalid_request",
            "code_challenge_method must be S256",
        ));
    }
    if !super::pkce::is_challenge(&code_challenge) {
        return Err(refuse(
            "invalid_request",
            "code_challenge must be a base64url SHA-256 (43 characters)",
        ));
    }
    let mut prompt = Prompt::default();
    for value in params.prompt.as_deref().unwrap_or("").split(' ') {
        match value {
            "" => {}
            "none" => prompt.none = true,
            "login" => prompt.login = true,
            "consent" => prompt.consent = true,
            "select_account" => prompt.select_account = true,
            _ => return Err(refuse("invalid_request", "unknown prompt value")),
        }
    }
    if prompt.none && (prompt.login || prompt.consent || prompt.select_account) {
        return Err(refuse(
            "invalid_request",
            "prompt=none cannot be combined with another prompt",
        ));
    }
    let max_age = match params.max_age.as_deref() {
        None => None,
        Some(text) => Some(
            text.parse::<i64>()
                .ok()
                .filter(|age| *age >= 0)
                .ok_or_else(|| refuse("invalid_request", "max_age must be a number of seconds"))?,
        ),
    };
    let account_hint = params
        .account_id
        .clone()
        .or_else(|| params.organization.clone())
        .filter(|hint| !hint.is_empty());
    Ok(AuthorizeRequest {
        client: client.clone(),
        redirect_uri: redirect_uri.to_owned(),
        scope: scopes.join(" "),
        state: params.state.clone(),
        nonce: params.nonce.clone(),
        code_challenge,
        prompt,
        max_age,
        account_hint,
        login_after: params.login_after.as_deref().and_then(|at| at.parse().ok()),
    })
}

/// The product's redirect URI with `pairs` added, and `iss` (RFC 9207) so that a product
/// talking to several providers knows which one answered.
pub fn redirect_with(redirect_uri: &str, issuer: &str, pairs: &[(&str, &str)]) -> String {
    let Ok(mut url) = url::Url::parse(redirect_uri) else {
        return redirect_uri.to_owned();
    };
    {
        let mut query = url.query_pairs_mut();
        for (name, value) in pairs {
            query.append_pair(name, value);
        }
        query.append_pair("iss", issuer);
    }
    url.into()
}

impl ClientError {
    pub fn url(&self, issuer: &str) -> String {
        let mut pairs = vec![
            ("error", self.error),
            ("error_description", self.description.as_str()),
        ];
        if let Some(state) = &self.state {
            pairs.push(("state", state));
        }
        redirect_with(&self.redirect_uri, issuer, &pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clients() -> Clients {
        Clients::parse(
            "[[client]]\nid = \"app\"\nname = \"App\"\nredirect_uris = [\"https://app.example/cb\"]\nscopes = [\"openid\", \"email\"]\n",
        )
        .unwrap()
    }

    fn good() -> AuthorizeParams {
        AuthorizeParams {
            response_type: Some("code".into()),
            client_id: Some("app".into()),
            redirect_uri: Some("https://app.example/cb".into()),
            scope: Some("openid email openid".into()),
            state: Some("s".into()),
            code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into()),
            code_challenge_method: Some("S256".into()),
            ..Default::default()
        }
    }

    fn error_of(params: AuthorizeParams) -> &'static str {
        match check(&params, &clients()) {
            Err(Refusal::ToClient(error)) => error.error,
            other => panic!("expected an error for the client, got {other:?}"),
        }
    }

    #[test]
    fn a_good_request_passes_with_its_scopes_once_each() {
        let request = check(&good(), &clients()).unwrap();
        assert_eq!(request.scope, "openid email");
        assert_eq!(request.state.as_deref(), Some("s"));
    }

    #[test]
    fn an_unknown_client_or_unregistered_redirect_is_never_sent_anywhere() {
        let unknown = AuthorizeParams {
            client_id: Some("other".into()),
            ..good()
        };
        assert_eq!(
            check(&unknown, &clients()).unwrap_err(),
            Refusal::Here(Problem::UnknownClient)
        );
        for uri in [
            "https://evil.example/cb",
            "https://app.example/cb/",
            "https://app.example/cb?x",
        ] {
            let params = AuthorizeParams {
                redirect_uri: Some(uri.into()),
                ..good()
            };
            assert_eq!(
                check(&params, &clients()).unwrap_err(),
                Refusal::Here(Problem::UnregisteredRedirect)
            );
        }
        let missing = AuthorizeParams {
            redirect_uri: None,
            ..good()
        };
        assert_eq!(
            check(&missing, &clients()).unwrap_err(),
            Refusal::Here(Problem::MissingRedirect)
        );
    }

    #[test]
    fn pkce_with_s256_is_required() {
        assert_eq!(
            error_of(AuthorizeParams {
                code_challenge: None,
                ..good()
            }),
            "invalid_request"
        );
        assert_eq!(
            error_of(AuthorizeParams {
                code_challenge_method: Some("plain".into()),
                ..good()
            }),
            "invalid_request"
        );
        assert_eq!(
            error_of(AuthorizeParams {
                code_challenge: Some("short".into()),
                ..good()
            }),
            "invalid_request"
        );
    }

    #[test]
    fn scopes_prompts_and_response_types_are_checked() {
        assert_eq!(
            error_of(AuthorizeParams {
                scope: Some("email".into()),
                ..good()
            }),
            "invalid_scope"
        );
        assert_eq!(
            error_of(AuthorizeParams {
                scope: Some("openid profile".into()),
                ..good()
            }),
            "invalid_scope"
        );
        assert_eq!(
            error_of(AuthorizeParams {
                response_type: Some("token".into()),
                ..good()
            }),
            "unsupported_response_type"
        );
        assert_eq!(
            error_of(AuthorizeParams {
                prompt: Some("none login".into()),
                ..good()
            }),
            "invalid_request"
        );
        assert_eq!(
            error_of(AuthorizeParams {
                max_age: Some("-1".into()),
                ..good()
            }),
            "invalid_request"
        );
    }

    #[test]
    fn errors_go_back_with_the_state_and_the_issuer() {
        let url = ClientError {
            redirect_uri: "https://app.example/cb?keep=1".into(),
            state: Some("a b&c".into()),
            error: "access_denied",
            description: "no".into(),
        }
        .url("https://roster.example");
        assert_eq!(
            url,
            "https://app.example/cb?keep=1&error=access_denied&error_description=no&state=a+b%26c&iss=https%3A%2F%2Froster.example"
        );
    }
}
