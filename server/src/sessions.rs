//! Server-side sessions kept in Roster's own database (so that every server sharing it knows
//! them), behind an HttpOnly, SameSite=Lax cookie.

use crate::config::Config;
use app::db::Pool;
use tower_sessions::cookie::SameSite;
use tower_sessions::cookie::time::Duration as CookieDuration;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

pub const COOKIE_NAME: &str = "roster_session";

/// How often expired sessions are swept from the database.
const SWEEP_PERIOD: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// The sessions table of whichever database Roster runs on.
#[derive(Debug, Clone)]
pub enum Sessions {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

pub async fn session_store(pool: &Pool) -> Result<Sessions, sqlx::Error> {
    let misnamed = |reason: String| sqlx::Error::Configuration(reason.into());
    Ok(match pool {
        Pool::Sqlite(pool) => {
            let store = SqliteStore::new(pool.clone())
                .with_table_name("sessions")
                .map_err(misnamed)?;
            store.migrate().await?;
            Sessions::Sqlite(store)
        }
        Pool::Postgres(pool) => {
            let store = PostgresStore::new(pool.clone())
                .with_schema_name("public")
                .map_err(misnamed)?
                .with_table_name("sessions")
                .map_err(misnamed)?;
            // Its table is made by the migrations, under their lock (see migrations/postgres).
            Sessions::Postgres(store)
        }
    })
}

#[async_trait::async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.create(record).await,
            Self::Postgres(store) => store.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.save(record).await,
            Self::Postgres(store) => store.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Self::Sqlite(store) => store.load(id).await,
            Self::Postgres(store) => store.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.delete(id).await,
            Self::Postgres(store) => store.delete(id).await,
        }
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for Sessions {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.delete_expired().await,
            Self::Postgres(store) => store.delete_expired().await,
        }
    }
}

/// Idle expiry: every save pushes the end of the session `idle` into the future; the gate saves
/// at least once a minute while the user is active. The absolute limit is checked by the gate.
pub fn session_layer(store: Sessions, config: &Config) -> SessionManagerLayer<Sessions> {
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
pub fn sweep_expired(store: Sessions) {
    tokio::spawn(async move {
        if let Err(error) = store.continuously_delete_expired(SWEEP_PERIOD).await {
            tracing::error!(%error, "the sweep of expired sessions stopped");
        }
    });
}

/// Forgets, in the background, the `user_sessions` rows of sessions that can no longer sign
/// anyone in (idle or older than their absolute lifetime), so that profiles list live ones only.
pub fn sweep_signed_in_places(
    writer: Pool,
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
                app::server::rfc3339(
                    now.checked_sub_signed(age)
                        .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC),
                )
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
