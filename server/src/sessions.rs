//! Server-side sessions kept in the same SQLite database, behind an HttpOnly, SameSite=Lax cookie.

use crate::config::Config;
use sqlx::SqlitePool;
use tower_sessions::cookie::SameSite;
use tower_sessions::cookie::time::Duration as CookieDuration;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;

pub const COOKIE_NAME: &str = "roster_session";

/// How often expired sessions are swept from the database.
const SWEEP_PERIOD: std::time::Duration = std::time::Duration::from_secs(15 * 60);

pub async fn session_store(pool: &SqlitePool) -> Result<SqliteStore, sqlx::Error> {
    let store = SqliteStore::new(pool.clone())
        .with_table_name("sessions")
        .map_err(|reason| sqlx::Error::Configuration(reason.into()))?;
    store.migrate().await?;
    Ok(store)
}

/// Idle expiry: every save pushes the end of the session `idle` into the future; the gate saves
/// at least once a minute while the user is active. The absolute limit is checked by the gate.
pub fn session_layer(store: SqliteStore, config: &Config) -> SessionManagerLayer<SqliteStore> {
    let idle =
        CookieDuration::seconds(i64::try_from(config.session_idle().as_secs()).unwrap_or(i64::MAX));
    SessionManagerLayer::new(store)
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle))
}

/// Deletes expired sessions in the background for as long as the server runs.
pub fn sweep_expired(store: SqliteStore) {
    tokio::spawn(async move {
        if let Err(error) = store.continuously_delete_expired(SWEEP_PERIOD).await {
            tracing::error!(%error, "the sweep of expired sessions stopped");
        }
    });
}

/// Forgets, in the background, the `user_sessions` rows of sessions that can no longer sign
/// anyone in (idle or older than their absolute lifetime), so that profiles list live ones only.
pub fn sweep_signed_in_places(
    writer: SqlitePool,
    idle: std::time::Duration,
    absolute: std::time::Duration,
) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(SWEEP_PERIOD);
        loop {
            every.tick().await;
            let now = chrono::Utc::now();
            let before = |age: std::time::Duration| {
                let age = chrono::Duration::from_std(age).unwrap_or(chrono::Duration::MAX);
                now.checked_sub_signed(age)
                    .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC)
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
            };
            match app::auth::sessions_queries::sweep(&writer, &before(idle), &before(absolute))
                .await
            {
                Ok(0) => {}
                Ok(swept) => tracing::info!(swept, "ended sessions forgotten"),
                Err(error) => tracing::error!(%error, "the sweep of ended sessions failed"),
            }
        }
    });
}
