//! Roster's server: configuration, database, sessions and the router, put together by [`start`].
// The types of server-rendered views nest deeply.
#![recursion_limit = "256"]

pub mod config;
pub mod database;
pub mod mail;
pub mod origin_guard;
pub mod routes;
pub mod sessions;
pub mod telemetry;

use app::server::{AppState, AuthSettings, InvitationSettings};
use config::Config;
use leptos::config::{Env, LeptosOptions};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// A server that is listening and ready to be served.
pub struct Started {
    pub listener: TcpListener,
    pub router: axum::Router,
    pub state: AppState,
}

impl Started {
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await?;
        self.state.pool.close().await;
        Ok(())
    }
}

/// Opens the database, applies the migrations, builds the router and binds the listener.
pub async fn start(config: &Config) -> Result<Started, Box<dyn std::error::Error + Send + Sync>> {
    let pool = database::connect(&config.database_url).await?;
    database::migrate(&pool).await?;
    let store = sessions::session_store(&pool).await?;
    sessions::sweep_expired(store.clone());

    let state = AppState {
        pool: pool.clone(),
        auth: Arc::new(AuthSettings {
            absolute_lifetime: config.session_absolute(),
        }),
        invitations: Arc::new(InvitationSettings {
            lifetime: config.invitation_lifetime(),
            pending_limit: config.pending_invitation_limit,
            public_url: config.public_url.trim_end_matches('/').to_owned(),
        }),
        outbox: Arc::new(tokio::sync::Notify::new()),
    };
    start_mail_delivery(config, &state)?;
    let listener = TcpListener::bind(config.listen).await?;
    let router = routes::router(routes::RouterParts {
        state: state.clone(),
        leptos_options: leptos_options(config, listener.local_addr()?),
        sessions: sessions::session_layer(store, config),
        public_authority: origin_guard::PublicAuthority::from_url(&config.public_url),
    });
    Ok(Started {
        listener,
        router,
        state,
    })
}

/// Starts the task that delivers queued mail, through SMTP when configured, else into the mail
/// folder.
fn start_mail_delivery(
    config: &Config,
    state: &AppState,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let from: lettre::message::Mailbox = config
        .mail_from
        .parse()
        .map_err(|e| format!("--mail-from {:?}: {e}", config.mail_from))?;
    let transport = match config.smtp() {
        Some(smtp) => {
            tracing::info!(host = %smtp.host, port = smtp.port, "delivering mail through SMTP");
            mail::Configured::Smtp(mail::SmtpTransport::new(&smtp)?)
        }
        None => {
            tracing::info!(folder = %config.mail_dir.display(), "writing mail as .eml files");
            mail::Configured::EmlDirectory(mail::EmlDirectory::new(&config.mail_dir))
        }
    };
    mail::OutboxWorker {
        pool: state.pool.clone(),
        transport,
        from,
        backoff: mail::Backoff::default(),
        wakeup: state.outbox.clone(),
    }
    .spawn();
    Ok(())
}

fn leptos_options(config: &Config, addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("roster")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(Env::PROD)
        .build()
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
