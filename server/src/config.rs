//! Everything an operator can set, from flags or environment variables, with defaults that work
//! on a fresh machine.

use crate::mail::{SmtpSettings, SmtpTls};
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone, Parser)]
#[command(
    name = "roster",
    version,
    about = "Roster: manage who belongs to your organisation's accounts and what each person may do there."
)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "ROSTER_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// The database: `sqlite://FILE` (the file and its folder are created when missing) or
    /// `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (PostgreSQL 15 or later, shared by every
    /// server of a deployment).
    #[arg(
        long,
        env = "ROSTER_DATABASE_URL",
        default_value = "sqlite://data/roster.db"
    )]
    pub database_url: String,

    /// The most database connections of each of the server's two pools (reads, writes). On
    /// SQLite the write pool always has one.
    #[arg(long, env = "ROSTER_DATABASE_CONNECTIONS", default_value_t = 8,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub database_connections: u32,

    /// The address people use to reach Roster; links in mails are built from it.
    #[arg(
        long,
        env = "ROSTER_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000"
    )]
    pub public_url: String,

    /// Mark the session cookie `Secure` (sent over HTTPS only). Turn on behind TLS.
    #[arg(long, env = "ROSTER_SECURE_COOKIES", default_value_t = false, action = clap::ArgAction::Set)]
    pub secure_cookies: bool,

    /// A session ends after this many minutes without a request.
    #[arg(long, env = "ROSTER_SESSION_IDLE_MINUTES", default_value_t = 12 * 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub session_idle_minutes: u64,

    /// A session ends this many hours after sign-in, however active.
    #[arg(long, env = "ROSTER_SESSION_ABSOLUTE_HOURS", default_value_t = 7 * 24, value_parser = clap::value_parser!(u64).range(1..))]
    pub session_absolute_hours: u64,

    /// A link to set a new password works for this many minutes after it was sent.
    #[arg(long, env = "ROSTER_PASSWORD_RESET_MINUTES", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub password_reset_minutes: u64,

    /// A link that verifies an address, or moves a user to a new one, works this many hours.
    #[arg(long, env = "ROSTER_ADDRESS_LINK_HOURS", default_value_t = 24, value_parser = clap::value_parser!(u64).range(1..))]
    pub address_link_hours: u64,

    /// "Send again" mails a new verification link at most once in this many minutes.
    #[arg(long, env = "ROSTER_VERIFICATION_RESEND_MINUTES", default_value_t = 1)]
    pub verification_resend_minutes: u64,

    /// An invitation link works for this many hours after it was (re)sent.
    #[arg(long, env = "ROSTER_INVITATION_LIFETIME_HOURS", default_value_t = 72, value_parser = clap::value_parser!(u64).range(1..))]
    pub invitation_lifetime_hours: u64,

    /// Requests one API key may make a minute (refilled evenly); more get 429 with Retry-After.
    #[arg(long, env = "ROSTER_API_REQUESTS_PER_MINUTE", default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..))]
    pub api_requests_per_minute: u32,

    /// Requests with keys that do not work one client address may make a minute; past that,
    /// every API request from it gets 429 with Retry-After until the allowance refills.
    #[arg(long, env = "ROSTER_API_KEY_MISSES_PER_MINUTE", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    pub api_key_misses_per_minute: u32,

    /// Hours the first answer to a POST sent with an Idempotency-Key is replayed to its retries.
    #[arg(long, env = "ROSTER_API_REPLAY_HOURS", default_value_t = 24, value_parser = clap::value_parser!(u32).range(1..=720))]
    pub api_replay_hours: u32,

    /// A TOML file declaring your product's permissions (`read:clusters` …) beside Roster's;
    /// see `permissions.example.toml`. Checked at start: a bad file stops Roster with the reason.
    #[arg(long, env = "ROSTER_PERMISSIONS_FILE")]
    pub permissions_file: Option<PathBuf>,

    /// A TOML file declaring the products that sign their users in through Roster (OpenID
    /// Connect clients); `roster client add` writes to it. Checked at start: a bad file stops
    /// Roster with the reason. Unset: no product can sign in through Roster.
    #[arg(long, env = "ROSTER_CLIENTS_FILE")]
    pub clients_file: Option<PathBuf>,

    /// Seconds an access token Roster issues stays good (it names one account's roles and
    /// permissions; introspection answers for it at once either way).
    #[arg(long, env = "ROSTER_ACCESS_TOKEN_LIFETIME_SECS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(10..=3600))]
    pub access_token_lifetime_secs: u64,

    /// Seconds an ID token stays good.
    #[arg(long, env = "ROSTER_ID_TOKEN_LIFETIME_SECS", default_value_t = 3600, value_parser = clap::value_parser!(u64).range(10..=86_400))]
    pub id_token_lifetime_secs: u64,

    /// Seconds an authorization code waits to be exchanged.
    #[arg(long, env = "ROSTER_AUTHORIZATION_CODE_LIFETIME_SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub authorization_code_lifetime_secs: u64,

    /// Days a refresh token stays good if unused (each use gives a new one).
    #[arg(long, env = "ROSTER_REFRESH_TOKEN_LIFETIME_DAYS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=365))]
    pub refresh_token_lifetime_days: u64,

    /// The most accounts an ID token lists (all of them through userinfo).
    #[arg(long, env = "ROSTER_ID_TOKEN_ACCOUNTS", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub id_token_accounts: u32,

    /// Seconds a key made by `roster keys rotate` is published in the JWKS before it signs, so
    /// that every product has fetched it first.
    #[arg(
        long,
        env = "ROSTER_SIGNING_KEY_PUBLISHED_BEFORE_SECS",
        default_value_t = 86_400
    )]
    pub signing_key_published_before_secs: u64,

    /// Seconds Roster waits for a product's back-channel logout endpoint to answer.
    #[arg(long, env = "ROSTER_BACKCHANNEL_LOGOUT_TIMEOUT_SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=60))]
    pub backchannel_logout_timeout_secs: u64,

    /// How often, in milliseconds, each server looks for ended sign-ins whose product wants
    /// back-channel logout (only when some client declared a `backchannel_logout_uri`).
    #[arg(long, env = "ROSTER_BACKCHANNEL_LOGOUT_POLL_MS", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..))]
    pub backchannel_logout_poll_ms: u64,

    /// Times Roster tries to tell a product of a logout before it gives up.
    #[arg(long, env = "ROSTER_BACKCHANNEL_LOGOUT_ATTEMPTS", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub backchannel_logout_attempts: u32,

    /// Seconds a mail or webhook delivery taken by one server stays its alone: another server
    /// (or this one, restarted) takes it again only after that. Must exceed the longest
    /// delivery attempt.
    #[arg(long, env = "ROSTER_DELIVERY_LEASE_SECS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(10..))]
    pub delivery_lease_secs: u64,

    /// The longest, in milliseconds, the mail worker waits before it looks at the outbox again
    /// when nothing woke it: with several servers, how soon one takes up mail that another
    /// queued but did not send.
    #[arg(long, env = "ROSTER_MAIL_POLL_MS", default_value_t = 60_000, value_parser = clap::value_parser!(u64).range(10..))]
    pub mail_poll_ms: u64,

    /// Serve Prometheus metrics at /metrics to requests that present this token as
    /// `Authorization: Bearer <token>`. Unset: /metrics answers 404.
    #[arg(long, env = "ROSTER_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// Let webhook endpoints be on loopback, private or reserved networks (tests, closed
    /// networks). Off: such URLs are refused when added and before every delivery.
    #[arg(long, env = "ROSTER_ALLOW_PRIVATE_WEBHOOKS", default_value_t = false)]
    pub allow_private_webhooks: bool,

    /// The most webhook endpoints one account may have.
    #[arg(long, env = "ROSTER_WEBHOOK_ENDPOINT_LIMIT", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub webhook_endpoint_limit: u32,

    /// How often, in milliseconds, the webhook worker looks for new events to deliver.
    #[arg(long, env = "ROSTER_WEBHOOK_POLL_MS", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..))]
    pub webhook_poll_ms: u64,

    /// Seconds a webhook endpoint has to answer a delivery before it counts as failed.
    #[arg(long, env = "ROSTER_WEBHOOK_TIMEOUT_SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=120))]
    pub webhook_timeout_secs: u64,

    /// Seconds before the first retry of a failed webhook delivery; each later wait doubles
    /// (up to an hour).
    #[arg(long, env = "ROSTER_WEBHOOK_RETRY_SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub webhook_retry_secs: u64,

    /// Webhook deliveries one server makes at once, at most one per endpoint, so that slow
    /// endpoints of one account do not hold up another's events.
    #[arg(long, env = "ROSTER_WEBHOOK_CONCURRENCY", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=256))]
    pub webhook_concurrency: u32,

    /// Failed webhook attempts in a row (over all its deliveries) after which an endpoint is
    /// paused and the member who added it is told; its events wait until it is resumed.
    #[arg(long, env = "ROSTER_WEBHOOK_PAUSE_AFTER", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub webhook_pause_after: u32,

    /// Attempts at one webhook delivery before Roster gives up on it (shown as "Gave up").
    #[arg(long, env = "ROSTER_WEBHOOK_ATTEMPTS", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub webhook_attempts: u32,

    /// The most pending invitations one account may hold.
    #[arg(long, env = "ROSTER_PENDING_INVITATION_LIMIT", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    pub pending_invitation_limit: u32,

    /// The sender of Roster's mails.
    #[arg(
        long,
        env = "ROSTER_MAIL_FROM",
        default_value = "Roster <roster@localhost>"
    )]
    pub mail_from: String,

    /// Without an SMTP host, mails are written as `.eml` files into this folder.
    #[arg(long, env = "ROSTER_MAIL_DIR", default_value = "data/mail")]
    pub mail_dir: PathBuf,

    /// SMTP server to deliver mails through; when unset, mails go to the mail folder.
    #[arg(long, env = "ROSTER_SMTP_HOST")]
    pub smtp_host: Option<String>,

    /// SMTP port.
    #[arg(long, env = "ROSTER_SMTP_PORT", default_value_t = 587)]
    pub smtp_port: u16,

    /// How the SMTP connection is secured.
    #[arg(long, env = "ROSTER_SMTP_TLS", value_enum, default_value_t = SmtpTls::Starttls)]
    pub smtp_tls: SmtpTls,

    /// SMTP user name, if the server wants one.
    #[arg(long, env = "ROSTER_SMTP_USERNAME")]
    pub smtp_username: Option<String>,

    /// SMTP password (prefer the environment variable to the flag).
    #[arg(long, env = "ROSTER_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,

    /// The largest request body accepted, in bytes; larger ones are answered 413.
    #[arg(long, env = "ROSTER_MAX_BODY_BYTES", default_value_t = 64 * 1024, value_parser = clap::value_parser!(u64).range(1024..))]
    pub max_body_bytes: u64,

    /// Seconds a client has to send a request's headers, and again its body.
    #[arg(long, env = "ROSTER_REQUEST_READ_TIMEOUT_SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub request_read_timeout_secs: u64,

    /// The most connections served at once; further ones wait until one closes.
    #[arg(long, env = "ROSTER_MAX_CONNECTIONS", default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,

    /// On SIGTERM, seconds to let requests in flight finish before closing their connections.
    #[arg(long, env = "ROSTER_SHUTDOWN_GRACE_SECS", default_value_t = 10)]
    pub shutdown_grace_secs: u64,

    /// Addresses of reverse proxies whose `X-Forwarded-For` names the real client
    /// (comma-separated IPs); from anyone else the header is ignored.
    #[arg(long, env = "ROSTER_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// Wrong passwords in a row for one address before sign-in is refused for a while (429).
    #[arg(long, env = "ROSTER_SIGN_IN_ATTEMPTS_PER_ADDRESS", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub sign_in_attempts_per_address: u32,

    /// Sign-in attempts from one client address before it is refused for a while (429).
    #[arg(long, env = "ROSTER_SIGN_IN_ATTEMPTS_PER_CLIENT", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    pub sign_in_attempts_per_client: u32,

    /// Minutes over which those attempts are counted: one attempt comes back every
    /// window ÷ attempts.
    #[arg(long, env = "ROSTER_SIGN_IN_WINDOW_MINUTES", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..))]
    pub sign_in_window_minutes: u64,

    /// Sign-ups one client address may make an hour (each mails a link to an address of its
    /// choosing).
    #[arg(long, env = "ROSTER_SIGN_UPS_PER_CLIENT_HOUR", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub sign_ups_per_client_hour: u32,

    /// Sign-ups (new unverified users, each with a verification mail) all clients together may
    /// make an hour.
    #[arg(long, env = "ROSTER_SIGN_UPS_PER_HOUR", default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
    pub sign_ups_per_hour: u32,

    /// The most accounts one user may belong to; creating one more is refused.
    #[arg(long, env = "ROSTER_ACCOUNTS_PER_USER", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    pub accounts_per_user: u32,

    /// A new API key's secret is shown on the page that follows its creation within this many
    /// seconds, or never (it waits masked in the session, its pad in the browser's cookie).
    #[arg(long, env = "ROSTER_NEW_KEY_SHOWN_WITHIN_SECS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..))]
    pub new_key_shown_within_secs: u64,

    /// A sign-in that passed the password waits this many seconds for its second factor (an
    /// authenticator code or a recovery code); after that the password is asked again.
    #[arg(long, env = "ROSTER_SECOND_FACTOR_WITHIN_SECS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
    pub second_factor_within_secs: u64,

    /// Handing over ownership, deleting an account, making an API key and changing whether an
    /// account requires a second factor ask a user who has one to have given it within this
    /// many seconds (or to type a code with the change).
    #[arg(long, env = "ROSTER_STEP_UP_WITHIN_SECS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..))]
    pub step_up_within_secs: u64,

    /// The origin whose pages may use passkeys (its host is the WebAuthn relying party's id, so
    /// it must be a name, not an IP address); the public URL when unset.
    #[arg(long, env = "ROSTER_PASSKEY_ORIGIN")]
    pub passkey_origin: Option<String>,

    /// The most passkeys one user may register.
    #[arg(long, env = "ROSTER_PASSKEYS_PER_USER", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub passkeys_per_user: u32,

    /// Passwords hashed at once (each takes 19 MiB and a core); 0 means one per core.
    #[arg(long, env = "ROSTER_PASSWORD_HASH_CONCURRENCY", default_value_t = 0)]
    pub password_hash_concurrency: u32,

    /// Seconds a sign-in waits for a free hashing slot before it is answered 503.
    #[arg(long, env = "ROSTER_PASSWORD_HASH_WAIT_SECS", default_value_t = 5)]
    pub password_hash_wait_secs: u64,

    /// Minutes before the same invitation can be sent again.
    #[arg(long, env = "ROSTER_RESEND_COOLDOWN_MINUTES", default_value_t = 10)]
    pub resend_cooldown_minutes: u64,

    /// Invitation mails one account may send in an hour.
    #[arg(long, env = "ROSTER_INVITATION_MAILS_PER_ACCOUNT_HOUR", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    pub invitation_mails_per_account_hour: u32,

    /// Invitation mails one user may send in an hour, over all their accounts.
    #[arg(long, env = "ROSTER_INVITATION_MAILS_PER_USER_HOUR", default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    pub invitation_mails_per_user_hour: u32,

    /// Seconds before a mail that failed for now (a 4xx answer, a broken connection) is tried
    /// again; each further failure doubles the wait, up to an hour.
    #[arg(long, env = "ROSTER_MAIL_RETRY_SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    pub mail_retry_secs: u64,

    /// Hours after its mail went out that an unanswered invitation gets one reminder (0: none).
    #[arg(
        long,
        env = "ROSTER_INVITATION_REMINDER_AFTER_HOURS",
        default_value_t = 48
    )]
    pub invitation_reminder_after_hours: u64,

    /// Days expired invitations stay listed, to be sent again or removed.
    #[arg(
        long,
        env = "ROSTER_EXPIRED_INVITATIONS_LISTED_DAYS",
        default_value_t = 30
    )]
    pub expired_invitations_listed_days: u64,

    /// The mailbox bounces return to, as `bounces@example.org`: each mail's return path is
    /// `bounces+<mail>.<tag>@example.org`, so that a bounce names the mail it is about. Unset:
    /// the return path is the sender, and bounce reports are refused.
    #[arg(long, env = "ROSTER_BOUNCE_MAILBOX")]
    pub bounce_mailbox: Option<String>,

    /// The secret shared with the mail system that reports bounces: it signs each report, and
    /// it tags each return path.
    #[arg(long, env = "ROSTER_BOUNCE_SECRET", hide_env_values = true)]
    pub bounce_secret: Option<String>,

    /// Seconds a signed bounce report stays acceptable after its timestamp.
    #[arg(long, env = "ROSTER_BOUNCE_REPORT_MAX_AGE_SECS", default_value_t = 300)]
    pub bounce_report_max_age_secs: u64,

    /// Folder holding the built browser files (`pkg/`), as produced by `cargo leptos build`.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
}

impl Config {
    /// The bounce mailbox, when both `--bounce-mailbox` and `--bounce-secret` are set; one
    /// without the other is a mistake said at start.
    pub fn bounce_mailbox(&self) -> Result<Option<crate::mail::bounce::BounceMailbox>, String> {
        match (&self.bounce_mailbox, &self.bounce_secret) {
            (None, None) => Ok(None),
            (Some(mailbox), Some(secret)) => {
                crate::mail::bounce::BounceMailbox::new(mailbox, secret).map(Some)
            }
            _ => {
                Err("--bounce-mailbox and --bounce-secret go together: set both, or neither".into())
            }
        }
    }

    pub fn session_idle(&self) -> Duration {
        Duration::from_secs(self.session_idle_minutes * 60)
    }

    pub fn session_absolute(&self) -> Duration {
        Duration::from_secs(self.session_absolute_hours * 3600)
    }

    pub fn request_read_timeout(&self) -> Duration {
        Duration::from_secs(self.request_read_timeout_secs)
    }

    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }

    /// Hashing slots: the flag, or one per core.
    pub fn password_hash_slots(&self) -> usize {
        match self.password_hash_concurrency {
            0 => std::thread::available_parallelism().map_or(2, usize::from),
            n => n as usize,
        }
    }

    pub fn password_reset_lifetime(&self) -> Duration {
        Duration::from_secs(self.password_reset_minutes * 60)
    }

    pub fn address_link_lifetime(&self) -> Duration {
        Duration::from_secs(self.address_link_hours * 3600)
    }

    pub fn verification_resend_interval(&self) -> Duration {
        Duration::from_secs(self.verification_resend_minutes * 60)
    }

    pub fn invitation_lifetime(&self) -> Duration {
        Duration::from_secs(self.invitation_lifetime_hours * 3600)
    }

    /// The SMTP server, when one is configured.
    pub fn smtp(&self) -> Option<SmtpSettings> {
        self.smtp_host.as_ref().map(|host| SmtpSettings {
            host: host.clone(),
            port: self.smtp_port,
            tls: self.smtp_tls,
            username: self.smtp_username.clone(),
            password: self.smtp_password.clone(),
        })
    }

    /// The configuration used by tests: everything default but the database.
    /// The origin whose pages may use passkeys: `--passkey-origin`, else the public URL, where
    /// a loopback address becomes `localhost` (browsers take no IP address as a passkey's site).
    pub fn passkey_origin(&self) -> String {
        if let Some(origin) = &self.passkey_origin {
            return origin.trim_end_matches('/').to_owned();
        }
        let public = self.public_url.trim_end_matches('/');
        match url::Url::parse(public) {
            Ok(mut url)
                if url.host().is_some_and(|host| match host {
                    url::Host::Ipv4(ip) => ip.is_loopback(),
                    url::Host::Ipv6(ip) => ip.is_loopback(),
                    url::Host::Domain(_) => false,
                }) =>
            {
                let _ = url.set_host(Some("localhost"));
                url.as_str().trim_end_matches('/').to_owned()
            }
            _ => public.to_owned(),
        }
    }

    pub fn for_database(database_url: impl Into<String>) -> Self {
        let mut config = Self::parse_from(["roster"]);
        config.database_url = database_url.into();
        config
    }
}

/// The URL with its password, if it has one, replaced by `***`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, place)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{place}"),
        None => url.to_owned(),
    }
}

/// Never prints the SMTP password, nor the database's.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("database_url", &without_password(&self.database_url))
            .field("public_url", &self.public_url)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("mail_dir", &self.mail_dir)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_password_is_never_printed() {
        let config = Config::for_database("postgres://roster:s3cr3t@db.internal:5432/roster");
        let printed = format!("{config:?}");
        assert!(!printed.contains("s3cr3t"), "{printed}");
        assert!(printed.contains("postgres://roster:***@db.internal:5432/roster"));
        assert_eq!(
            without_password("sqlite://data/roster.db"),
            "sqlite://data/roster.db"
        );
    }

    #[test]
    fn defaults_serve_loopback_port_3000_on_a_file_under_data() {
        let config = Config::parse_from(["roster"]);
        assert_eq!(config.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(config.database_url, "sqlite://data/roster.db");
        assert!(!config.secure_cookies);
    }

    #[test]
    fn passkeys_are_offered_at_the_public_url_with_loopback_named_localhost() {
        let mut config = Config::parse_from(["roster", "--public-url", "http://127.0.0.1:3000/"]);
        assert_eq!(config.passkey_origin(), "http://localhost:3000");
        config.public_url = "https://roster.example.org".into();
        assert_eq!(config.passkey_origin(), "https://roster.example.org");
        config.passkey_origin = Some("https://id.example.org/".into());
        assert_eq!(config.passkey_origin(), "https://id.example.org");
    }

    #[test]
    fn flags_override_defaults() {
        let config = Config::parse_from([
            "roster",
            "--listen",
            "0.0.0.0:8080",
            "--secure-cookies",
            "true",
            "--session-idle-minutes",
            "5",
        ]);
        assert_eq!(config.listen.port(), 8080);
        assert!(config.secure_cookies);
        assert_eq!(config.session_idle(), Duration::from_secs(300));
    }

    #[test]
    fn invitations_last_72_hours_50_may_be_pending_and_mail_goes_to_a_folder_by_default() {
        let config = Config::parse_from(["roster"]);
        assert_eq!(config.invitation_lifetime(), Duration::from_secs(72 * 3600));
        assert_eq!(config.pending_invitation_limit, 50);
        assert!(config.smtp().is_none());
        assert_eq!(config.mail_dir, PathBuf::from("data/mail"));
    }

    #[test]
    fn the_smtp_password_never_appears_in_debug_output() {
        let config = Config::parse_from([
            "roster",
            "--smtp-host",
            "mail.example.org",
            "--smtp-tls",
            "tls",
            "--smtp-password",
            "hunter2-secret",
        ]);
        assert_eq!(config.smtp().unwrap().tls, SmtpTls::Tls);
        assert!(!format!("{config:?}").contains("hunter2-secret"));
    }

    #[test]
    fn a_zero_session_lifetime_is_refused() {
        assert!(Config::try_parse_from(["roster", "--session-idle-minutes", "0"]).is_err());
    }
}
