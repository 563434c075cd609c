//! The rows of `user_sessions`: one per place a user is signed in.

use super::{CurrentUser, UserSession};
use crate::db::{self, Db, Pool};

/// What the browser and the connection said at sign-in, cut to the stored lengths.
pub struct Client<'a> {
    pub user_agent: &'a str,
    pub ip: &'a str,
}

/// How the session was made: its factors' codes, and when a second factor was given.
pub struct MadeBy<'a> {
    pub factors: &'a str,
    pub second_factor_at: Option<&'a str>,
}

pub async fn start(
    pool: &Pool,
    user_id: &str,
    client: &Client<'_>,
    made_by: &MadeBy<'_>,
    now: &str,
) -> Result<String, sqlx::Error> {
    let id = uuid::Uuid::new_v4().to_string();
    let user_agent: String = client.user_agent.chars().take(300).collect();
    let ip: String = client.ip.chars().take(45).collect();
    db::query(
        "INSERT INTO user_sessions (id, user_id, started_at, last_seen_at, user_agent, ip, factors, second_factor_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(user_id)
    .bind(now)
    .bind(now)
    .bind(user_agent)
    .bind(ip)
    .bind(made_by.factors)
    .bind(made_by.second_factor_at)
    .execute(pool)
    .await?;
    Ok(id)
}

/// The user of a session that is still signed in (its row is there), in one statement.
pub async fn signed_in_user(
    pool: &Pool,
    session_id: &str,
    user_id: &str,
) -> Result<Option<CurrentUser>, sqlx::Error> {
    let row: Option<(String, String, String, Option<String>, bool)> = db::query_as(
        "SELECT u.id, u.email, u.display_name, u.email_verified_at,
                EXISTS (SELECT 1 FROM authenticator_apps f WHERE f.user_id = u.id AND f.confirmed_at IS NOT NULL)
         FROM user_sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id = $1 AND s.user_id = $2",
    )
    .bind(session_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(
        |(id, email, display_name, email_verified_at, has_authenticator)| CurrentUser {
            id,
            email,
            display_name,
            email_verified: email_verified_at.is_some(),
            email_verified_at,
            has_authenticator,
        },
    ))
}

pub async fn touch(pool: &Pool, session_id: &str, now: &str) -> Result<(), sqlx::Error> {
    db::query("UPDATE user_sessions SET last_seen_at = $1 WHERE id = $2")
        .bind(now)
        .bind(session_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The user's sessions, the most recently active first.
pub async fn of_user(pool: &Pool, user_id: &str) -> Result<Vec<UserSession>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, String, String)> = db::query_as(
        "SELECT id, started_at, last_seen_at, user_agent, ip, factors FROM user_sessions
         WHERE user_id = $1 ORDER BY last_seen_at DESC, started_at DESC LIMIT 100",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, started_at, last_seen_at, user_agent, ip, factors)| UserSession {
                id,
                started_at,
                last_seen_at,
                user_agent,
                ip,
                factors,
                current: false,
            },
        )
        .collect())
}

/// Ends one of the user's sessions; false when it was not theirs (or already ended).
pub async fn end(pool: &Pool, user_id: &str, session_id: &str) -> Result<bool, sqlx::Error> {
    let done = db::query("DELETE FROM user_sessions WHERE id = $1 AND user_id = $2")
        .bind(session_id)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends every session of the user but `keep`; returns how many ended.
pub async fn end_all_but(conn: &mut dyn Db, user_id: &str, keep: &str) -> Result<u64, sqlx::Error> {
    let done = db::query("DELETE FROM user_sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Ends every session of the user (a password reset).
pub async fn end_all(conn: &mut dyn Db, user_id: &str) -> Result<u64, sqlx::Error> {
    let done = db::query("DELETE FROM user_sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Forgets sessions idle since `idle_before` or begun before `started_before`: they can no
/// longer sign anyone in.
pub async fn sweep(
    pool: &Pool,
    idle_before: &str,
    started_before: &str,
) -> Result<u64, sqlx::Error> {
    let done = db::query("DELETE FROM user_sessions WHERE last_seen_at < $1 OR started_at < $2")
        .bind(idle_before)
        .bind(started_before)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// When the session's user last gave a second factor (at sign-in, or for a step-up).
pub async fn second_factor_at(
    pool: &Pool,
    session_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar("SELECT second_factor_at FROM user_sessions WHERE id = $1")
        .bind(session_id)
        .fetch_optional(pool)
        .await
        .map(Option::flatten)
}

/// Records that the session's user gave a second factor at `now`.
pub async fn mark_second_factor(
    pool: &Pool,
    session_id: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    db::query("UPDATE user_sessions SET second_factor_at = $1 WHERE id = $2")
        .bind(now)
        .bind(session_id)
        .execute(pool)
        .await?;
    Ok(())
}
