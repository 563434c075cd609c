//! The OpenID provider's tables: consents, codes, grants and refresh tokens.

use super::member_claims::AccountClaim;
use crate::db::{self, Db, Pool};

/// Which roles hold: Base always, Owner for the owner, and every role granted.
const HELD_ROLE: &str = "(r.builtin = 'base'
     OR (r.builtin = 'owner' AND EXISTS (SELECT 1 FROM account_owners o
                                          WHERE o.account_id = m.account_id AND o.user_id = m.user_id))
     OR EXISTS (SELECT 1 FROM member_roles mr
                WHERE mr.account_id = m.account_id AND mr.user_id = m.user_id AND mr.role_id = r.id))";

pub async fn account_and_role_names(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
) -> Result<Option<(String, Vec<String>)>, sqlx::Error> {
    let rows: Vec<(String, String)> = db::query_as(&format!(
        "SELECT a.name, r.name
         FROM memberships m
         JOIN accounts a ON a.id = m.account_id
         JOIN roles r ON r.account_id = m.account_id
         WHERE m.account_id = $1 AND m.user_id = $2 AND {HELD_ROLE}"
    ))
    .bind(account_id)
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    let Some((account_name, _)) = rows.first() else {
        return Ok(None);
    };
    let account_name = account_name.clone();
    Ok(Some((
        account_name,
        rows.into_iter().map(|(_, role)| role).collect(),
    )))
}

/// The user's accounts (by name, at most `limit`) with the roles they hold in each.
pub async fn accounts_of(
    pool: &Pool,
    user_id: &str,
    limit: u32,
) -> Result<Vec<AccountClaim>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = db::query_as(&format!(
        "SELECT a.id, a.name, r.name
         FROM memberships m
         JOIN accounts a ON a.id = m.account_id
         JOIN roles r ON r.account_id = m.account_id
         WHERE m.user_id = $1
           AND m.account_id IN (SELECT m2.account_id FROM memberships m2 JOIN accounts a2 ON a2.id = m2.account_id
                                WHERE m2.user_id = $1 ORDER BY a2.name, a2.id LIMIT $2)
           AND {HELD_ROLE}
         ORDER BY a.name, a.id, r.name"
    ))
    .bind(user_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let mut accounts: Vec<AccountClaim> = Vec::new();
    for (id, name, role) in rows {
        match accounts.last_mut() {
            Some(last) if last.id == id => last.roles.push(role),
            _ => accounts.push(AccountClaim {
                id,
                name,
                roles: vec![role],
            }),
        }
    }
    Ok(accounts)
}

/// How the browser's session was made: its factors (`amr`) and when it began (`auth_time`).
pub async fn session_made(
    pool: &Pool,
    session_row: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    db::query_as("SELECT factors, started_at FROM user_sessions WHERE id = $1")
        .bind(session_row)
        .fetch_optional(pool)
        .await
}

pub async fn consented_scope(
    pool: &Pool,
    user_id: &str,
    client_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar("SELECT scope FROM oauth_consents WHERE user_id = $1 AND client_id = $2")
        .bind(user_id)
        .bind(client_id)
        .fetch_optional(pool)
        .await
}

pub async fn record_consent(
    conn: &mut dyn Db,
    user_id: &str,
    client_id: &str,
    scope: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    db::query(
        "INSERT INTO oauth_consents (user_id, client_id, scope, granted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, client_id) DO UPDATE SET scope = excluded.scope, granted_at = excluded.granted_at",
    )
    .bind(user_id)
    .bind(client_id)
    .bind(scope)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A code as issued (its hash is the key).
pub struct NewCode<'a> {
    pub hash: Vec<u8>,
    pub client_id: &'a str,
    pub user_id: &'a str,
    pub account_id: &'a str,
    pub session_row: &'a str,
    pub redirect_uri: &'a str,
    pub scope: &'a str,
    pub nonce: Option<&'a str>,
    pub code_challenge: &'a str,
    pub amr: &'a str,
    pub auth_time: i64,
    pub expires_at: &'a str,
}

pub async fn insert_code(conn: &mut dyn Db, code: &NewCode<'_>) -> Result<(), sqlx::Error> {
    db::query(
        "INSERT INTO oauth_codes (code_hash, client_id, user_id, account_id, session_row, redirect_uri,
                                  scope, nonce, code_challenge, amr, auth_time, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(code.hash.clone())
    .bind(code.client_id)
    .bind(code.user_id)
    .bind(code.account_id)
    .bind(code.session_row)
    .bind(code.redirect_uri)
    .bind(code.scope)
    .bind(code.nonce)
    .bind(code.code_challenge)
    .bind(code.amr)
    .bind(code.auth_time)
    .bind(code.expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A code taken for exchange.
#[derive(sqlx::FromRow)]
pub struct TakenCode {
    pub client_id: String,
    pub user_id: String,
    pub account_id: String,
    pub session_row: String,
    pub redirect_uri: String,
    pub scope: String,
    pub nonce: Option<String>,
    pub code_challenge: String,
    pub amr: String,
    pub auth_time: i64,
    pub expires_at: String,
}

/// Marks the code used, in one statement: `None` when it was unknown or already used.
pub async fn take_code(
    conn: &mut dyn Db,
    hash: &[u8],
    now: &str,
) -> Result<Option<TakenCode>, sqlx::Error> {
    db::query_as(
        "UPDATE oauth_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL
         RETURNING client_id, user_id, account_id, session_row, redirect_uri, scope, nonce,
                   code_challenge, amr, auth_time, expires_at",
    )
    .bind(hash.to_vec())
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// A used code presented again: ends the grant it was exchanged for (RFC 6749 §4.1.2).
pub async fn end_grant_of_reused_code(
    conn: &mut dyn Db,
    hash: &[u8],
    now: &str,
) -> Result<bool, sqlx::Error> {
    let done = db::query(
        "UPDATE oauth_grants SET ended_at = $2
         WHERE ended_at IS NULL AND id = (SELECT grant_id FROM oauth_codes WHERE code_hash = $1)",
    )
    .bind(hash.to_vec())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn link_code_to_grant(
    conn: &mut dyn Db,
    hash: &[u8],
    grant_id: &str,
) -> Result<(), sqlx::Error> {
    db::query("UPDATE oauth_codes SET grant_id = $2 WHERE code_hash = $1")
        .bind(hash.to_vec())
        .bind(grant_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub struct NewGrant<'a> {
    pub id: &'a str,
    pub client_id: &'a str,
    pub user_id: &'a str,
    pub account_id: &'a str,
    pub session_row: &'a str,
    pub scope: &'a str,
    pub amr: &'a str,
    pub auth_time: i64,
    pub backchannel: bool,
}

/// Starts a grant, unless its session ended meanwhile (then nothing is inserted: false).
pub async fn insert_grant(
    conn: &mut dyn Db,
    grant: &NewGrant<'_>,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let done = db::query(
        "INSERT INTO oauth_grants (id, client_id, user_id, account_id, session_row, scope, amr,
                                   auth_time, created_at, backchannel)
         SELECT $1, $2, $3, $4, s.id, $6, $7, $8, $9, $10
         FROM user_sessions s WHERE s.id = $5 AND s.user_id = $3",
    )
    .bind(grant.id)
    .bind(grant.client_id)
    .bind(grant.user_id)
    .bind(grant.account_id)
    .bind(grant.session_row)
    .bind(grant.scope)
    .bind(grant.amr)
    .bind(grant.auth_time)
    .bind(now)
    .bind(grant.backchannel)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A grant that is still live.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LiveGrant {
    pub id: String,
    pub client_id: String,
    pub user_id: String,
    pub account_id: String,
    pub session_row: String,
    pub scope: String,
    pub amr: String,
    pub auth_time: i64,
}

/// The grant, if it has not ended (nor its session).
pub async fn live_grant_by_id(
    conn: &mut dyn Db,
    grant_id: &str,
) -> Result<Option<LiveGrant>, sqlx::Error> {
    db::query_as(
        "SELECT id, client_id, user_id, account_id, session_row, scope, amr, auth_time
         FROM oauth_grants WHERE id = $1 AND ended_at IS NULL AND session_row IS NOT NULL",
    )
    .bind(grant_id)
    .fetch_optional(conn)
    .await
}

pub async fn end_grant(conn: &mut dyn Db, grant_id: &str, now: &str) -> Result<(), sqlx::Error> {
    db::query("UPDATE oauth_grants SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL")
        .bind(grant_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every grant of a member in an account (they were removed from it).
pub async fn end_member_grants(
    conn: &mut dyn Db,
    account_id: &str,
    user_id: &str,
    now: &str,
) -> Result<u64, sqlx::Error> {
    let done = db::query(
        "UPDATE oauth_grants SET ended_at = $3
         WHERE account_id = $1 AND user_id = $2 AND ended_at IS NULL",
    )
    .bind(account_id)
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn insert_refresh_token(
    conn: &mut dyn Db,
    hash: &[u8],
    grant_id: &str,
    now: &str,
    expires_at: &str,
) -> Result<(), sqlx::Error> {
    db::query(
        "INSERT INTO oauth_refresh_tokens (token_hash, grant_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(hash.to_vec())
    .bind(grant_id)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// What presenting a refresh token found.
pub enum RefreshFound {
    /// Unused and now used: its grant and expiry.
    Taken {
        grant_id: String,
        expires_at: String,
    },
    /// Used before: its grant (to be ended).
    Reused {
        grant_id: String,
    },
    Unknown,
}

pub async fn take_refresh_token(
    conn: &mut dyn Db,
    hash: &[u8],
    now: &str,
) -> Result<RefreshFound, sqlx::Error> {
    let taken: Option<(String, String)> = db::query_as(
        "UPDATE oauth_refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL
         RETURNING grant_id, expires_at",
    )
    .bind(hash.to_vec())
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some((grant_id, expires_at)) = taken {
        return Ok(RefreshFound::Taken {
            grant_id,
            expires_at,
        });
    }
    let reused: Option<String> =
        db::query_scalar("SELECT grant_id FROM oauth_refresh_tokens WHERE token_hash = $1")
            .bind(hash.to_vec())
            .fetch_optional(conn)
            .await?;
    Ok(match reused {
        Some(grant_id) => RefreshFound::Reused { grant_id },
        None => RefreshFound::Unknown,
    })
}

/// A refresh token's grant, if the token is unused and unexpired (introspection).
pub async fn refresh_token_grant(
    pool: &Pool,
    hash: &[u8],
    now: &str,
) -> Result<Option<String>, sqlx::Error> {
    db::query_scalar(
        "SELECT grant_id FROM oauth_refresh_tokens
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(hash.to_vec())
    .bind(now)
    .fetch_optional(pool)
    .await
}

/// A refresh keeps the Roster session it came from alive (the person is using the product).
pub async fn touch_session(
    conn: &mut dyn Db,
    session_row: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    db::query("UPDATE user_sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2")
        .bind(session_row)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// A grant whose product must be told of its end (back-channel logout).
pub struct DueLogout {
    pub grant_id: String,
    pub client_id: String,
    pub user_id: String,
}

/// Claims one ended grant whose product wants back-channel logout and has not been told, for
/// `lease` (another server skips it meanwhile).
pub async fn claim_due_logout(
    conn: &mut dyn Db,
    now: &str,
    lease_until: &str,
) -> Result<Option<DueLogout>, sqlx::Error> {
    let row: Option<(String, String, String)> = db::query_as(
        "UPDATE oauth_grants SET logout_claimed_until = $2
         WHERE id = (SELECT id FROM oauth_grants
                     WHERE backchannel AND logout_sent_at IS NULL
                       AND (session_row IS NULL OR ended_at IS NOT NULL)
                       AND (logout_claimed_until IS NULL OR logout_claimed_until < $1)
                     ORDER BY created_at LIMIT 1)
           AND (logout_claimed_until IS NULL OR logout_claimed_until < $1)
         RETURNING id, client_id, user_id",
    )
    .bind(now)
    .bind(lease_until)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(grant_id, client_id, user_id)| DueLogout {
        grant_id,
        client_id,
        user_id,
    }))
}

/// The product was told (or given up on): never again.
pub async fn logout_sent(pool: &Pool, grant_id: &str, now: &str) -> Result<(), sqlx::Error> {
    db::query("UPDATE oauth_grants SET logout_sent_at = $2 WHERE id = $1")
        .bind(grant_id)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// Forgets codes and refresh tokens past their expiry, and grants that ended and were told.
pub async fn sweep(pool: &Pool, now: &str) -> Result<u64, sqlx::Error> {
    let codes = db::query("DELETE FROM oauth_codes WHERE expires_at < $1")
        .bind(now)
        .execute(pool)
        .await?;
    let tokens = db::query("DELETE FROM oauth_refresh_tokens WHERE expires_at < $1")
        .bind(now)
        .execute(pool)
        .await?;
    // Ended grants whose product was told (or wanted no telling), with their tokens.
    let grants = db::query(
        "DELETE FROM oauth_grants
         WHERE (session_row IS NULL OR ended_at IS NOT NULL)
           AND (NOT backchannel OR logout_sent_at IS NOT NULL)",
    )
    .execute(pool)
    .await?;
    Ok(codes.rows_affected() + tokens.rows_affected() + grants.rows_affected())
}

/// The user's address, whether it is verified, and name.
pub async fn person(
    pool: &Pool,
    user_id: &str,
) -> Result<Option<super::tokens::Person>, sqlx::Error> {
    let row: Option<(String, String, Option<String>)> =
        db::query_as("SELECT email, display_name, email_verified_at FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(email, name, verified_at)| super::tokens::Person {
        id: user_id.to_owned(),
        email,
        email_verified: verified_at.is_some(),
        name,
    }))
}
