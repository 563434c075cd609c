//! The rows of `authenticator_apps` and `recovery_codes`.

use crate::db::{self, Db};
use crate::secrets::SecretHash;

/// A user's authenticator app as the profile sees it.
pub enum Authenticator {
    /// Being enrolled: the secret (base32) is still shown, until a code confirms it.
    Enrolling { secret: String },
    /// Confirmed at this moment; its secret is never shown again.
    On { since: String },
}

pub async fn authenticator(
    conn: &mut dyn Db,
    user_id: &str,
) -> Result<Option<Authenticator>, sqlx::Error> {
    let row: Option<(String, Option<String>)> =
        db::query_as("SELECT secret, confirmed_at FROM authenticator_apps WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(secret, confirmed_at)| match confirmed_at {
        Some(since) => Authenticator::On { since },
        None => Authenticator::Enrolling { secret },
    }))
}

/// The condition "user `u` has a second factor": a confirmed authenticator app, or a passkey.
/// (The door's rights statement, `access::queries::member_rights`, spells it once more: the
/// access layer imports no concept above it.)
pub const HAS_SECOND_FACTOR: &str = "(EXISTS (SELECT 1 FROM authenticator_apps f WHERE f.user_id = u.id AND f.confirmed_at IS NOT NULL)
     OR EXISTS (SELECT 1 FROM passkeys p WHERE p.user_id = u.id))";

/// Whether the user has a second factor that sign-in (and step-up) must ask for.
pub async fn has_second_factor(conn: &mut dyn Db, user_id: &str) -> Result<bool, sqlx::Error> {
    db::query_scalar(&format!(
        "SELECT {HAS_SECOND_FACTOR} FROM users u WHERE u.id = $1"
    ))
    .bind(user_id)
    .fetch_optional(conn)
    .await
    .map(|found| found.unwrap_or(false))
}

/// Starts (or starts again) an enrolment with a new secret; refused (false) once one is confirmed.
pub async fn begin_enrolment(
    conn: &mut dyn Db,
    user_id: &str,
    secret: &str,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let done = db::query(
        "INSERT INTO authenticator_apps (user_id, secret, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at
         WHERE authenticator_apps.confirmed_at IS NULL",
    )
    .bind(user_id)
    .bind(secret)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The secret of the user's app, confirmed (`true`) or being enrolled (`false`).
pub async fn secret(
    conn: &mut dyn Db,
    user_id: &str,
    confirmed: bool,
) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar(
        "SELECT secret FROM authenticator_apps WHERE user_id = $1 AND (confirmed_at IS NOT NULL) = $2",
    )
    .bind(user_id)
    .bind(confirmed)
    .fetch_optional(conn)
    .await
}

/// Takes the code of `step`: moves the app's last used step forward to it, in one statement,
/// so that a code (or an older one) is taken once however many requests bring it. `confirm`
/// also confirms an app being enrolled. False when the step was taken already.
pub async fn take_step(
    conn: &mut dyn Db,
    user_id: &str,
    step: i64,
    confirm_at: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = db::query(
        "UPDATE authenticator_apps SET last_step = $1, confirmed_at = coalesce(confirmed_at, $2)
         WHERE user_id = $3 AND (last_step IS NULL OR last_step < $1)
           AND (confirmed_at IS NOT NULL OR $2 IS NOT NULL)",
    )
    .bind(step)
    .bind(confirm_at)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes the app and the recovery codes that went with it.
pub async fn remove_all(conn: &mut dyn Db, user_id: &str) -> Result<(), sqlx::Error> {
    db::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    db::query("DELETE FROM authenticator_apps WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Replaces the user's recovery codes by these (hashed).
pub async fn replace_recovery_codes(
    conn: &mut dyn Db,
    user_id: &str,
    hashes: &[SecretHash],
    now: &str,
) -> Result<(), sqlx::Error> {
    db::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    for hash in hashes {
        db::query(
            "INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(user_id)
        .bind(hash.0.as_slice())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Uses a recovery code, in one statement: true for exactly one request that brings it.
pub async fn use_recovery_code(
    conn: &mut dyn Db,
    user_id: &str,
    hash: &SecretHash,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let done = db::query(
        "UPDATE recovery_codes SET used_at = $1
         WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(hash.0.as_slice())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many of the user's recovery codes still work.
pub async fn recovery_codes_left(conn: &mut dyn Db, user_id: &str) -> Result<i64, sqlx::Error> {
    db::query_scalar("SELECT count(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .fetch_one(conn)
        .await
}

/// The address mail to the user goes to.
pub async fn user_email(conn: &mut dyn Db, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await
}

/// Drops an enrolment that no code confirmed.
pub async fn drop_enrolment(conn: &mut dyn Db, user_id: &str) -> Result<(), sqlx::Error> {
    db::query("DELETE FROM authenticator_apps WHERE user_id = $1 AND confirmed_at IS NULL")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}
