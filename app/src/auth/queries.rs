use crate::db::{self, Db, Pool};
use crate::domain::{DisplayName, Email};

pub enum NewUserError {
    EmailTaken,
    Database(sqlx::Error),
}

pub async fn insert_user(
    conn: &mut dyn Db,
    email: &Email,
    display_name: &DisplayName,
    password_hash: &str,
) -> Result<String, NewUserError> {
    let id = uuid::Uuid::new_v4().to_string();
    let inserted = db::query(
        "INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(email.as_str())
    .bind(display_name.as_str())
    .bind(password_hash)
    .bind(crate::server::now_rfc3339())
    .execute(conn)
    .await;
    match inserted {
        Ok(_) => Ok(id),
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
            Err(NewUserError::EmailTaken)
        }
        Err(error) => Err(NewUserError::Database(error)),
    }
}

/// The id and password hash of the user with this email. The hash never leaves the server.
pub async fn find_credentials(
    pool: &Pool,
    email: &Email,
) -> Result<Option<(String, String)>, sqlx::Error> {
    db::query_as("SELECT id, password_hash FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(pool)
        .await
}

/// Each account the user belongs to sees the sign-in in its audit log.
pub async fn record_sign_in(pool: &Pool, user_id: &str) -> Result<(), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    crate::audit::record_in_accounts_of(
        &mut conn,
        user_id,
        crate::audit::AuditAction::MemberSignedIn,
        serde_json::json!({}),
    )
    .await
}

/// A wrong password for `user_id`, in each of their accounts' logs: not as their act (anyone may
/// have typed it), but as "someone at <client address>".
pub async fn record_failed_sign_in(
    pool: &Pool,
    user_id: &str,
    client: Option<std::net::IpAddr>,
) -> Result<(), sqlx::Error> {
    let someone = match client {
        Some(ip) => format!("Someone at {ip}"),
        None => "Someone".to_owned(),
    };
    db::query(
        "INSERT INTO audit_events (account_id, actor_id, actor_label, action, target_kind, target_id, target_name, details, created_at)
         SELECT m.account_id, NULL, $1, $2, 'member', u.id, u.email, '{}', $3
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = $4",
    )
    .bind(someone)
    .bind(crate::audit::AuditAction::MemberSignInFailed.name())
    .bind(crate::server::now_rfc3339())
    .bind(user_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Whether a mail with this subject (not an invitation) went to `recipient` after `since`.
pub async fn notice_sent_since(
    conn: &mut dyn Db,
    recipient: &str,
    subject: &str,
    since: &str,
) -> Result<bool, sqlx::Error> {
    // Only this notice counts: the verification mail sign-up sent is another matter.
    db::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM outbox WHERE recipient = $1 AND created_at > $2 AND invitation_id IS NULL AND subject = $3)",
    )
    .bind(recipient)
    .bind(since)
    .bind(subject)
    .fetch_one(conn)
    .await
}

/// The id of the user with this address.
pub async fn user_id_by_email(
    conn: &mut dyn Db,
    email: &Email,
) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(conn)
        .await
}
