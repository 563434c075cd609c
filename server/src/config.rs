//! Everything an operator can set, from flags or environment variables, with defaults that work
//! on a fresh machine.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "roster",
    version,
    about = "Roster: manage who belongs to your organisation's accounts and what each person may do there."
)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "ROSTER_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// SQLite database URL; the file (and its folder) is created when missing.
    #[arg(
        long,
        env = "ROSTER_DATABASE_URL",
        default_value = "sqlite://data/roster.db"
    )]
    pub database_url: String,

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

    /// Folder holding the built browser files (`pkg/`), as produced by `cargo leptos build`.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
}

impl Config {
    pub fn session_idle(&self) -> Duration {
        Duration::from_secs(self.session_idle_minutes * 60)
    }

    pub fn session_absolute(&self) -> Duration {
        Duration::from_secs(self.session_absolute_hours * 3600)
    }

    /// The configuration used by tests: everything default but the database.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        let mut config = Self::parse_from(["roster"]);
        config.database_url = database_url.into();
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_serve_loopback_port_3000_on_a_file_under_data() {
        let config = Config::parse_from(["roster"]);
        assert_eq!(config.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(config.database_url, "sqlite://data/roster.db");
        assert!(!config.secure_cookies);
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
    fn a_zero_session_lifetime_is_refused() {
        assert!(Config::try_parse_from(["roster", "--session-idle-minutes", "0"]).is_err());
    }
}
