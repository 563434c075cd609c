//! The products that sign their users in through Roster, as the operator declares them in the
//! clients file (`--clients-file`, TOML, one `[[client]]` table each; `roster client add` writes
//! one). A confidential client's secret is kept only as its SHA-256; a public client (a browser
//! or mobile app) has none and relies on PKCE alone.

use crate::secrets::SecretHash;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub id: String,
    /// Shown to people on the consent screen.
    pub name: String,
    /// The SHA-256 of the client secret, in hex; absent for a public client.
    #[serde(default)]
    pub secret_sha256: Option<String>,
    /// Where codes may be sent: compared exactly, character for character.
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    /// Told, by a signed logout token, when a session it signed into ends.
    #[serde(default)]
    pub backchannel_logout_uri: Option<String>,
    /// The scopes it may ask for.
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// The operator's own product: its users are not asked to consent.
    #[serde(default)]
    pub first_party: bool,
    /// `RS256` for a product whose library knows no ES256 (the default).
    #[serde(default)]
    pub id_token_signed_response_alg: Option<String>,
}

fn default_scopes() -> Vec<String> {
    super::SUPPORTED_SCOPES
        .iter()
        .map(|scope| scope.to_string())
        .collect()
}

impl Client {
    pub fn is_public(&self) -> bool {
        self.secret_sha256.is_none()
    }

    /// Compared in constant time; a public client has no secret to match.
    pub fn secret_matches(&self, secret: &str) -> bool {
        let Some(stored) = self.secret_sha256.as_deref().and_then(parse_hash) else {
            return false;
        };
        stored.matches(&SecretHash::of(secret))
    }

    pub fn allows_redirect(&self, uri: &str) -> bool {
        self.redirect_uris.iter().any(|allowed| allowed == uri)
    }

    pub fn allows_post_logout_redirect(&self, uri: &str) -> bool {
        self.post_logout_redirect_uris
            .iter()
            .any(|allowed| allowed == uri)
    }

    pub fn allows_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|allowed| allowed == scope)
    }

    /// What its tokens are signed with.
    pub fn algorithm(&self) -> jsonwebtoken::Algorithm {
        self.id_token_signed_response_alg
            .as_deref()
            .and_then(super::keys::algorithm_named)
            .unwrap_or(jsonwebtoken::Algorithm::ES256)
    }
}

fn parse_hash(hex: &str) -> Option<SecretHash> {
    let bytes = crate::secrets::hex::decode(hex)?;
    Some(SecretHash(bytes.try_into().ok()?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientsFile {
    #[serde(default, rename = "client")]
    clients: Vec<Client>,
}

/// Every declared client, by id.
#[derive(Debug, Clone, Default)]
pub struct Clients(HashMap<String, Client>);

impl Clients {
    /// Reads a clients file, refusing anything Roster could not honour safely: a redirect URI
    /// that is not absolute, has a fragment, or is plain HTTP beyond this machine; an unknown
    /// scope; a repeated id; a malformed secret hash.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: ClientsFile = toml::from_str(text).map_err(|error| error.to_string())?;
        let mut clients = HashMap::new();
        for client in file.clients {
            check(&client)?;
            let id = client.id.clone();
            if clients.insert(id.clone(), client).is_some() {
                return Err(format!("client \"{id}\" is declared twice"));
            }
        }
        Ok(Self(clients))
    }

    pub fn get(&self, id: &str) -> Option<&Client> {
        self.0.get(id)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether some client declared a back-channel logout URI.
    pub fn want_backchannel_logout(&self) -> bool {
        self.0
            .values()
            .any(|client| client.backchannel_logout_uri.is_some())
    }

    /// Every algorithm some client's tokens are signed with (ES256 always).
    pub fn algorithms(&self) -> Vec<jsonwebtoken::Algorithm> {
        let mut algorithms = vec![jsonwebtoken::Algorithm::ES256];
        for client in self.0.values() {
            if !algorithms.contains(&client.algorithm()) {
                algorithms.push(client.algorithm());
            }
        }
        algorithms
    }

    /// The origins of every registered redirect URI, each once, sorted: where a sign-in or
    /// consent form may end (the pages' `form-action`).
    pub fn redirect_origins(&self) -> Vec<String> {
        let mut origins: Vec<String> = self
            .0
            .values()
            .flat_map(|client| &client.redirect_uris)
            .filter_map(|uri| url::Url::parse(uri).ok())
            .map(|url| url.origin().ascii_serialization())
            .filter(|origin| origin != "null")
            .collect();
        origins.sort();
        origins.dedup();
        origins
    }
}

fn check(client: &Client) -> Result<(), String> {
    let id = &client.id;
    if !is_client_id(id) {
        return Err(format!(
            "client id \"{id}\": use 1 to 100 letters, digits, '.', '_' or '-'"
        ));
    }
    if client.name.trim().is_empty() || client.name.chars().count() > 100 {
        return Err(format!("client \"{id}\": a name of 1 to 100 characters"));
    }
    if let Some(hash) = &client.secret_sha256
        && parse_hash(hash).is_none()
    {
        return Err(format!(
            "client \"{id}\": secret_sha256 must be 64 hex digits"
        ));
    }
    if client.redirect_uris.is_empty() {
        return Err(format!("client \"{id}\": at least one redirect URI"));
    }
    for uri in client
        .redirect_uris
        .iter()
        .chain(&client.post_logout_redirect_uris)
        .chain(&client.backchannel_logout_uri)
    {
        check_uri(uri).map_err(|why| format!("client \"{id}\": {uri}: {why}"))?;
    }
    if let Some(name) = &client.id_token_signed_response_alg
        && super::keys::algorithm_named(name).is_none()
    {
        return Err(format!(
            "client \"{id}\": id_token_signed_response_alg is ES256 or RS256"
        ));
    }
    if !client.scopes.iter().any(|scope| scope == "openid") {
        return Err(format!("client \"{id}\": its scopes must include openid"));
    }
    if let Some(unknown) = client
        .scopes
        .iter()
        .find(|scope| !super::SUPPORTED_SCOPES.contains(&scope.as_str()))
    {
        return Err(format!("client \"{id}\": unknown scope \"{unknown}\""));
    }
    Ok(())
}

pub fn is_client_id(id: &str) -> bool {
    (1..=100).contains(&id.len())
        && id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"._-".contains(&byte))
}

/// An absolute HTTPS URI without a fragment; plain HTTP only to this machine (a product in
/// development, or a native app's loopback redirect, RFC 8252).
pub fn check_uri(uri: &str) -> Result<(), &'static str> {
    let parsed = url::Url::parse(uri).map_err(|_| "not an absolute URI")?;
    if parsed.fragment().is_some() {
        return Err("a redirect URI has no fragment");
    }
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&parsed) => Ok(()),
        _ => Err("use https (http only for localhost or a loopback address)"),
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A new confidential client's secret and the `[[client]]` table that declares it (with the
/// secret's hash only): what `roster client add` appends to the clients file.
pub struct NewClient {
    pub secret: Option<String>,
    pub table: String,
}

pub fn new_client(client: &Client, public: bool) -> Result<NewClient, String> {
    let secret = (!public).then(|| crate::secrets::prefixed_random("rcs_"));
    let declared = Client {
        secret_sha256: secret
            .as_deref()
            .map(|secret| crate::secrets::hex::encode(&SecretHash::of(secret).0)),
        ..client.clone()
    };
    check(&declared)?;
    let mut table = String::from("\n[[client]]\n");
    let line = |key: &str, value: &str| format!("{key} = {}\n", toml_string(value));
    table += &line("id", &declared.id);
    table += &line("name", &declared.name);
    if let Some(hash) = &declared.secret_sha256 {
        table += &line("secret_sha256", hash);
    }
    let list = |key: &str, values: &[String]| {
        let items: Vec<String> = values.iter().map(|value| toml_string(value)).collect();
        format!("{key} = [{}]\n", items.join(", "))
    };
    table += &list("redirect_uris", &declared.redirect_uris);
    if !declared.post_logout_redirect_uris.is_empty() {
        table += &list(
            "post_logout_redirect_uris",
            &declared.post_logout_redirect_uris,
        );
    }
    if let Some(uri) = &declared.backchannel_logout_uri {
        table += &line("backchannel_logout_uri", uri);
    }
    table += &list("scopes", &declared.scopes);
    if declared.first_party {
        table += "first_party = true\n";
    }
    if let Some(algorithm) = &declared.id_token_signed_response_alg {
        table += &line("id_token_signed_response_alg", algorithm);
    }
    Ok(NewClient { secret, table })
}

fn toml_string(value: &str) -> String {
    toml::Value::String(value.to_owned()).to_string()
}

pub fn scopes_default() -> Vec<String> {
    default_scopes()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[[client]]
id = "reports"
name = "Reports"
secret_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
redirect_uris = ["https://reports.example/callback"]
backchannel_logout_uri = "https://reports.example/logout"

[[client]]
id = "cli"
name = "Command line"
redirect_uris = ["http://127.0.0.1:8400/done"]
scopes = ["openid"]
first_party = true
"#;

    #[test]
    fn a_clients_file_declares_confidential_and_public_clients() {
        let clients = Clients::parse(FILE).unwrap();
        let reports = clients.get("reports").unwrap();
        assert!(!reports.is_public());
        assert!(reports.secret_matches("test"));
        assert!(!reports.secret_matches("Test"));
        assert!(reports.allows_redirect("https://reports.example/callback"));
        assert!(!reports.allows_redirect("https://reports.example/callback/"));
        assert!(!reports.allows_redirect("https://reports.example/callback?x=1"));
        assert!(reports.allows_scope("email"));
        let cli = clients.get("cli").unwrap();
        assert!(cli.is_public() && cli.first_party && !cli.secret_matches(""));
        assert!(!cli.allows_scope("email"));
        assert!(clients.want_backchannel_logout());
        assert!(!Clients::default().want_backchannel_logout());
        // Where a sign-in form may end: each registered origin once.
        assert_eq!(
            clients.redirect_origins(),
            vec!["http://127.0.0.1:8400", "https://reports.example"]
        );
    }

    #[test]
    fn unsafe_declarations_are_refused_with_the_reason() {
        let with =
            |extra: &str| Clients::parse(&format!("[[client]]\nid = \"a\"\nname = \"A\"\n{extra}"));
        assert!(
            with("redirect_uris = [\"http://reports.example/cb\"]")
                .unwrap_err()
                .contains("https")
        );
        assert!(
            with("redirect_uris = [\"https://reports.example/cb#x\"]")
                .unwrap_err()
                .contains("fragment")
        );
        assert!(
            with("redirect_uris = [\"/cb\"]")
                .unwrap_err()
                .contains("absolute")
        );
        assert!(with("redirect_uris = []").unwrap_err().contains("redirect"));
        assert!(
            with("redirect_uris = [\"https://a.example/\"]\nscopes = [\"openid\", \"admin\"]")
                .unwrap_err()
                .contains("admin")
        );
        assert!(
            with("redirect_uris = [\"https://a.example/\"]\nsecret_sha256 = \"abc\"")
                .unwrap_err()
                .contains("64 hex")
        );
        assert!(with("redirect_uris = [\"https://a.example/\"]\ncolour = \"red\"").is_err());
        let twice = format!(
            "{FILE}\n[[client]]\nid = \"cli\"\nname = \"Again\"\nredirect_uris = [\"https://a.example/\"]\n"
        );
        assert!(Clients::parse(&twice).unwrap_err().contains("twice"));
    }

    #[test]
    fn a_new_client_gets_a_secret_shown_once_and_a_table_with_its_hash_only() {
        let client = Client {
            id: "reports".into(),
            name: "Reports \"R\"".into(),
            secret_sha256: None,
            redirect_uris: vec!["https://reports.example/cb".into()],
            post_logout_redirect_uris: vec![],
            backchannel_logout_uri: None,
            scopes: scopes_default(),
            first_party: false,
            id_token_signed_response_alg: Some("RS256".into()),
        };
        let made = new_client(&client, false).unwrap();
        let secret = made.secret.unwrap();
        assert!(secret.starts_with("rcs_"));
        assert!(!made.table.contains(&secret));
        let parsed = Clients::parse(&made.table).unwrap();
        assert!(parsed.get("reports").unwrap().secret_matches(&secret));
        assert_eq!(parsed.get("reports").unwrap().name, "Reports \"R\"");
        assert_eq!(
            parsed.get("reports").unwrap().algorithm(),
            jsonwebtoken::Algorithm::RS256
        );
        assert_eq!(parsed.algorithms().len(), 2);
        assert!(new_client(&client, true).unwrap().secret.is_none());
    }
}
