//! A real Roster server on a free loopback port with its own fresh database, and a client that
//! talks to it over HTTP like a browser's scripts would.
//!
//! The database is a new SQLite file, or, when `ROSTER_TEST_DATABASE=postgres`, a new database
//! on the PostgreSQL that `ROSTER_TEST_POSTGRES_URL` names: the same tests run on both.

use app::db::Pool;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Client, Response, StatusCode, redirect};
use server::config::Config;
use sqlx::SqlitePool;
use tempfile::TempDir;

pub struct TestServer {
    pub base_url: String,
    pub pool: Pool,
    /// The server's state: its hashing pool's counters, for one.
    pub state: app::server::AppState,
    /// Where this server writes its mails (`.eml` files).
    pub mail_dir: std::path::PathBuf,
    /// The URL of its database.
    pub database_url: String,
    _folder: TempDir,
}

/// Whether this run's tests go to PostgreSQL (`ROSTER_TEST_DATABASE=postgres`).
pub fn on_postgres() -> bool {
    std::env::var("ROSTER_TEST_DATABASE").is_ok_and(|name| name == "postgres")
}

/// The URL of a new, empty database for one test: a file in `folder`, or a database of its own
/// on the test PostgreSQL.
pub async fn new_database_url(folder: &TempDir) -> String {
    if on_postgres() {
        return empty_postgres()
            .await
            .expect("ROSTER_TEST_DATABASE=postgres needs ROSTER_TEST_POSTGRES_URL");
    }
    format!("sqlite://{}", folder.path().join("roster.db").display())
}

/// The URL of a new, empty database of its own on the test PostgreSQL; `None` (and a note)
/// when no PostgreSQL is named, unless ROSTER_REQUIRE_POSTGRES says one must be.
pub async fn empty_postgres() -> Option<String> {
    let Ok(url) = std::env::var("ROSTER_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var_os("ROSTER_REQUIRE_POSTGRES").is_none(),
            "ROSTER_REQUIRE_POSTGRES is set but ROSTER_TEST_POSTGRES_URL is not"
        );
        eprintln!("no PostgreSQL named in ROSTER_TEST_POSTGRES_URL: skipped");
        return None;
    };
    let admin = sqlx::PgPool::connect(&url)
        .await
        .expect("the test PostgreSQL answers");
    let name = format!("roster_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("a database is created");
    admin.close().await;
    let (base, _) = url.rsplit_once('/').expect("a URL with a database name");
    Some(format!("{base}/{name}"))
}

/// A fresh, migrated database of this run's kind, with its pools' folder.
pub async fn fresh_database() -> (Pool, TempDir) {
    let (pool, _, folder) = fresh_database_at().await;
    (pool, folder)
}

/// [`fresh_database`], with its URL, for a second server's pool on the same database.
pub async fn fresh_database_at() -> (Pool, String, TempDir) {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = new_database_url(&folder).await;
    let databases = server::database::open(&url, 8)
        .await
        .expect("database opens and migrates");
    (databases.reads, url, folder)
}

/// A fresh, migrated SQLite file, for the tests of SQLite's own schema and plans.
pub async fn fresh_sqlite() -> (SqlitePool, TempDir) {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", folder.path().join("roster.db").display());
    let pool = server::database::connect(&url)
        .await
        .expect("database opens");
    server::database::migrate(&pool)
        .await
        .expect("migrations apply");
    (pool, folder)
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> Self {
        // ROSTER_TEST_LOG=error (say) shows what the servers log, to find why a test failed.
        if let Ok(level) = std::env::var("ROSTER_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(level)
                .with_test_writer()
                .try_init();
        }
        let folder = tempfile::tempdir().expect("temporary folder");
        let url = new_database_url(&folder).await;
        let mut config = Config::for_database(url.clone());
        config.listen = "127.0.0.1:0".parse().expect("address");
        config.mail_dir = folder.path().join("mail");
        // Tests resend as soon as they invite; the cooldown has tests of its own.
        config.resend_cooldown_minutes = 0;
        // Every test signs its people up from loopback; the limit has tests of its own.
        config.sign_ups_per_client_hour = 1_000_000;
        // The authorization matrices present dead keys by the dozen; guessing has its own test.
        config.api_key_misses_per_minute = 1_000_000;
        adjust(&mut config);
        let mail_dir = config.mail_dir.clone();
        let started = server::start(&config).await.expect("server starts");
        let addr = started.local_addr().expect("bound address");
        let pool = started.state.pool.clone();
        let state = started.state.clone();
        tokio::spawn(started.serve(std::future::pending()));
        Self {
            base_url: format!("http://{addr}"),
            pool,
            state,
            mail_dir,
            database_url: url,
            _folder: folder,
        }
    }

    /// A client with its own cookie jar that does not follow redirects, so tests see them.
    pub fn client(&self) -> ApiClient {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let client = Client::builder()
            .cookie_provider(jar.clone())
            .redirect(redirect::Policy::none())
            .build()
            .expect("client");
        ApiClient {
            client,
            jar,
            base_url: self.base_url.clone(),
        }
    }
}

#[derive(Clone)]
pub struct ApiClient {
    pub client: Client,
    pub jar: std::sync::Arc<reqwest::cookie::Jar>,
    pub base_url: String,
}

impl ApiClient {
    /// The value of this browser's cookie `name`, if it holds one.
    pub fn cookie(&self, name: &str) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = reqwest::Url::parse(&self.base_url).unwrap();
        let cookies = self.jar.cookies(&url)?;
        cookies
            .to_str()
            .ok()?
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_owned())
    }

    /// Gives this browser the cookie `name` (as if copied from another).
    pub fn set_cookie(&self, name: &str, value: &str) {
        let url = reqwest::Url::parse(&self.base_url).unwrap();
        self.jar
            .add_cookie_str(&format!("{name}={value}; Path=/"), &url);
    }

    /// Calls a server function the way the islands do: a same-origin form-encoded POST.
    pub async fn call(&self, name: &str, form: &[(&str, &str)]) -> Response {
        self.call_with_headers(name, form, same_origin_headers(&self.base_url))
            .await
    }

    /// Calls a server function about one role: `account_id` and `role_id` first, then `extra`.
    pub async fn call_on_role(
        &self,
        name: &str,
        account_id: &str,
        role_id: &str,
        extra: &[(&str, &str)],
    ) -> Response {
        let mut form = vec![("account_id", account_id), ("role_id", role_id)];
        form.extend_from_slice(extra);
        self.call(name, &form).await
    }

    pub async fn call_with_headers(
        &self,
        name: &str,
        form: &[(&str, &str)],
        headers: HeaderMap,
    ) -> Response {
        self.client
            .post(format!("{}/api/{name}", self.base_url))
            .headers(headers)
            .form(form)
            .send()
            .await
            .expect("request is answered")
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base_url))
            .send()
            .await
            .expect("request is answered")
    }

    pub async fn sign_up(&self, email: &str, password: &str) -> Response {
        self.call(
            "sign_up",
            &[
                ("email", email),
                ("display_name", "Test Person"),
                ("password", password),
            ],
        )
        .await
    }

    /// Signs up a new user with a unique email and returns the email.
    pub async fn sign_up_fresh_user(&self) -> String {
        let email = unique_email();
        let response = self.sign_up(&email, PASSWORD).await;
        assert!(
            response.status().is_success() || response.status() == StatusCode::FOUND,
            "sign-up failed: {}",
            response.status()
        );
        email
    }

    pub async fn whoami(&self) -> serde_json::Value {
        let response = self.call("whoami", &[]).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.expect("json")
    }
}

/// A loopback port free at the moment of asking, for a process the test starts itself (which
/// must bind it by number).
pub fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    probe.local_addr().expect("bound address").port()
}

pub const PASSWORD: &str = "correct horse battery";

pub fn unique_email() -> String {
    format!("person-{}@example.test", uuid::Uuid::new_v4().simple())
}

pub fn same_origin_headers(base_url: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("origin", HeaderValue::from_str(base_url).expect("origin"));
    headers.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
    headers
}

/// The `Set-Cookie` header that sets the session cookie, if the response has one.
pub fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with(&format!("{}=", server::sessions::COOKIE_NAME)))
        .map(str::to_owned)
}
