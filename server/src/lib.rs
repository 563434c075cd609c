//! Roster's server: configuration, database, sessions and the router, put together by [`start`].
// The types of server-rendered views nest deeply.
#![recursion_limit = "256"]

pub mod api_v1;
pub mod client_address;
pub mod config;
pub mod copy_database;
pub mod database;
pub mod health;
pub mod mail;
pub mod metrics;
pub mod oauth;
pub mod operator_commands;
pub mod origin_guard;
pub mod refusal_seal;
pub mod request_limits;
pub mod routes;
pub mod security_headers;
pub mod serve;
pub mod server_fn_errors;
pub mod sessions;
pub mod telemetry;
pub mod typed_values;
pub mod webhook_delivery;

use app::server::{AppState, AuthSettings, InvitationSettings, WebhookSettings};
use app::server::{HashingPool, SignInThrottle};
use config::Config;
use leptos::config::{Env, LeptosOptions};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// A server that is listening and ready to be served.
pub struct Started {
    pub listener: TcpListener,
    pub router: axum::Router,
    pub state: AppState,
    pub connection_limits: serve::ConnectionLimits,
}

impl Started {
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish (for at most the
    /// shutdown grace period).
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        serve::serve_connections(self.listener, self.router, self.connection_limits, shutdown)
            .await;
        self.state.pool.close().await;
        Ok(())
    }
}

/// Opens the database, applies the migrations, builds the router and binds the listener.
pub async fn start(config: &Config) -> Result<Started, Box<dyn std::error::Error + Send + Sync>> {
    declare_product_permissions(config)?;
    let database::Databases {
        reads: pool,
        writer,
    } = database::open(&config.database_url, config.database_connections).await?;
    let store = sessions::session_store(&pool).await?;
    sessions::sweep_expired(store.clone());
    sessions::sweep_signed_in_places(
        writer.clone(),
        config.session_idle(),
        config.session_absolute(),
    );

    let state = AppState {
        pool: pool.clone(),
        writer,
        auth: Arc::new(AuthSettings {
            idle_lifetime: config.session_idle(),
            absolute_lifetime: config.session_absolute(),
            password_reset_lifetime: config.password_reset_lifetime(),
            address_link_lifetime: config.address_link_lifetime(),
            verification_resend_interval: config.verification_resend_interval(),
            accounts_per_user: config.accounts_per_user,
            new_key_handover: Duration::from_secs(config.new_key_shown_within_secs),
            second_factor_within: Duration::from_secs(config.second_factor_within_secs),
            step_up_within: Duration::from_secs(config.step_up_within_secs),
            passkey_origin: config.passkey_origin(),
            passkeys_per_user: config.passkeys_per_user,
            secure_cookies: config.secure_cookies,
        }),
        invitations: Arc::new(InvitationSettings {
            lifetime: config.invitation_lifetime(),
            pending_limit: config.pending_invitation_limit,
            public_url: config.public_url.trim_end_matches('/').to_owned(),
            resend_cooldown: Duration::from_secs(config.resend_cooldown_minutes * 60),
            mails_per_account_hour: config.invitation_mails_per_account_hour,
            mails_per_user_hour: config.invitation_mails_per_user_hour,
            remind_after: Duration::from_secs(config.invitation_reminder_after_hours * 3600),
            expired_listed_for: Duration::from_secs(
                config.expired_invitations_listed_days * 24 * 3600,
            ),
        }),
        outbox: Arc::new(tokio::sync::Notify::new()),
        hashing: Arc::new(HashingPool::start(
            config.password_hash_slots(),
            Duration::from_secs(config.password_hash_wait_secs),
        )),
        sign_in_throttle: Arc::new(SignInThrottle::new(
            config.sign_in_attempts_per_address,
            config.sign_in_attempts_per_client,
            Duration::from_secs(config.sign_in_window_minutes * 60),
        )),
        sign_up_throttle: Arc::new(app::server::SignUpThrottle::new(
            config.sign_ups_per_client_hour,
            config.sign_ups_per_hour,
        )),
        webhooks: Arc::new(WebhookSettings {
            allow_private: config.allow_private_webhooks,
            endpoint_limit: config.webhook_endpoint_limit,
        }),
        oauth: Arc::new(oauth_settings(config, &pool)?),
    };
    app::oauth::keys::ensure_signing_keys(&state.writer, &state.oauth.clients.algorithms()).await?;
    // Nothing to poll for when no product wants back-channel logout.
    if state.oauth.clients.want_backchannel_logout() {
        oauth::backchannel::BackchannelWorker {
            state: state.clone(),
            timeout: Duration::from_secs(config.backchannel_logout_timeout_secs),
            attempts: config.backchannel_logout_attempts,
            poll: Duration::from_millis(config.backchannel_logout_poll_ms),
        }
        .spawn();
    }
    let metrics = metrics::Metrics::new(config.metrics_token.as_deref());
    forget_idle_throttles(&state);
    let bounces = config.bounce_mailbox()?;
    sweep_invitations(state.clone());
    start_mail_delivery(config, &state, &metrics, bounces.clone())?;
    // The workers write (claims, outcomes): on SQLite through the one writer connection, in
    // turn with the requests' writes, rather than waiting on the file lock beside it.
    webhook_delivery::WebhookWorker {
        pool: state.writer.clone(),
        allow_private: config.allow_private_webhooks,
        timeout: Duration::from_secs(config.webhook_timeout_secs),
        backoff: mail::Backoff {
            first: Duration::from_secs(config.webhook_retry_secs),
            max: Duration::from_secs(3600),
            max_attempts: config.webhook_attempts,
        },
        poll: Duration::from_millis(config.webhook_poll_ms),
        lease: Duration::from_secs(config.delivery_lease_secs),
        concurrency: usize::try_from(config.webhook_concurrency).unwrap_or(16),
        pause_after: config.webhook_pause_after,
        public_url: config.public_url.trim_end_matches('/').to_owned(),
        mail_wakeup: state.outbox.clone(),
        failures: metrics.webhook_failures.clone(),
    }
    .spawn();
    let listener = TcpListener::bind(config.listen).await?;
    let api_rate = api_v1::KeyRate::per_minute(config.api_requests_per_minute);
    api_rate.forget_idle_keys();
    let api_key_guessing = api_v1::KeyGuessing::per_minute(config.api_key_misses_per_minute);
    api_key_guessing.forget_idle();
    let router = routes::router(routes::RouterParts {
        state: state.clone(),
        metrics,
        api_rate,
        api_key_guessing,
        bounces,
        bounce_max_age: Duration::from_secs(config.bounce_report_max_age_secs),
        api_replay_window: chrono::Duration::hours(i64::from(config.api_replay_hours)),
        leptos_options: leptos_options(config, listener.local_addr()?),
        sessions: sessions::session_layer(store, config),
        public_authority: origin_guard::PublicAuthority::from_url(&config.public_url),
        request_limits: request_limits::RequestLimits {
            max_body_bytes: usize::try_from(config.max_body_bytes).unwrap_or(usize::MAX),
            body_timeout: config.request_read_timeout(),
        },
        trusted_proxies: client_address::TrustedProxies(Arc::new(config.trusted_proxies.clone())),
        secure_cookies: typed_values::SecureCookies(config.secure_cookies),
    });
    Ok(Started {
        listener,
        router,
        state,
        connection_limits: serve::ConnectionLimits {
            header_timeout: config.request_read_timeout(),
            max_connections: config.max_connections as usize,
            shutdown_grace: config.shutdown_grace(),
        },
    })
}

/// Roster as an OpenID provider: the clients file (checked now: a bad one stops Roster with the
/// reason), the lifetimes, and the keys, read from the database.
fn oauth_settings(
    config: &Config,
    pool: &app::db::Pool,
) -> Result<app::oauth::OAuthSettings, String> {
    let clients = match &config.clients_file {
        None => app::oauth::clients::Clients::default(),
        Some(path) => {
            let shown = path.display();
            let text = std::fs::read_to_string(path)
                .map_err(|error| format!("--clients-file {shown}: {error}"))?;
            let clients = app::oauth::clients::Clients::parse(&text)
                .map_err(|error| format!("--clients-file {shown}: {error}"))?;
            tracing::info!(file = %shown, count = clients.len(), "OpenID clients declared");
            clients
        }
    };
    let published_before = Duration::from_secs(config.signing_key_published_before_secs);
    Ok(app::oauth::OAuthSettings {
        clients,
        issuer: config.public_url.trim_end_matches('/').to_owned(),
        access_token_lifetime: Duration::from_secs(config.access_token_lifetime_secs),
        id_token_lifetime: Duration::from_secs(config.id_token_lifetime_secs),
        code_lifetime: Duration::from_secs(config.authorization_code_lifetime_secs),
        refresh_token_lifetime: Duration::from_secs(config.refresh_token_lifetime_days * 86_400),
        id_token_accounts: config.id_token_accounts,
        // A rotated key reaches every server well before it signs.
        keys: app::oauth::keys::Keys::new(
            pool.clone(),
            (published_before / 4).clamp(Duration::from_millis(100), Duration::from_secs(30)),
        ),
    })
}

/// Joins the permissions file's permissions to the catalogue, or says what is wrong with it.
fn declare_product_permissions(config: &Config) -> Result<(), String> {
    let Some(path) = &config.permissions_file else {
        return Ok(());
    };
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("--permissions-file {shown}: {error}"))?;
    let declared = app::permissions::product::parse_file(&text)
        .map_err(|error| format!("--permissions-file {shown}: {error}"))?;
    tracing::info!(file = %shown, count = declared.len(), "product permissions declared");
    app::permissions::product::declare(&declared);
    Ok(())
}

/// Every minute: ends overdue invitations, so that `invitation.expired` is announced about when
/// it happens, not when someone next invites; and mails the reminders that are due.
fn sweep_invitations(state: AppState) {
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            match sweep_invitations_once(&state).await {
                Ok((0, 0)) => {}
                Ok((expired, reminded)) => tracing::info!(expired, reminded, "invitations swept"),
                Err(error) => tracing::error!(?error, "sweeping invitations failed"),
            }
        }
    });
}

/// One sweep, in one transaction: how many invitations expired, and how many were reminded
/// (their mails then go at once).
pub async fn sweep_invitations_once(
    state: &AppState,
) -> Result<(usize, usize), app::error::AppError> {
    let mut tx = app::server::begin_write(&state.writer).await?;
    let now = app::server::now_rfc3339();
    let expired = app::invitations::rules::expire_overdue(&mut tx, None, &now).await?;
    let reminded = app::invitations::rules::remind_due(&mut tx, &state.invitations, &now).await?;
    tx.commit().await?;
    // The OpenID provider's spent codes and tokens go with the same minute's sweep.
    let forgotten = app::oauth::sweep(&state.writer).await?;
    if forgotten > 0 {
        tracing::debug!(forgotten, "expired codes, tokens and ended grants swept");
    }
    if reminded > 0 {
        state.outbox.notify_one();
    }
    Ok((expired, reminded))
}

/// Keeps the throttle's memory to recent guessers: refilled buckets are dropped every minute.
fn forget_idle_throttles(state: &AppState) {
    let sign_in = Arc::downgrade(&state.sign_in_throttle);
    let sign_up = Arc::downgrade(&state.sign_up_throttle);
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            let (Some(sign_in), Some(sign_up)) = (sign_in.upgrade(), sign_up.upgrade()) else {
                break;
            };
            sign_in.forget_idle();
            sign_up.forget_idle();
        }
    });
}

/// Starts the task that delivers queued mail, through SMTP when configured, else into the mail
/// folder.
fn start_mail_delivery(
    config: &Config,
    state: &AppState,
    metrics: &metrics::Metrics,
    bounces: Option<mail::bounce::BounceMailbox>,
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
        pool: state.writer.clone(),
        transport,
        from,
        backoff: mail::Backoff {
            first: Duration::from_secs(config.mail_retry_secs),
            ..mail::Backoff::default()
        },
        wakeup: state.outbox.clone(),
        lease: Duration::from_secs(config.delivery_lease_secs),
        idle_poll: Duration::from_millis(config.mail_poll_ms),
        failures: metrics.mail_failures.clone(),
        bounces,
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
