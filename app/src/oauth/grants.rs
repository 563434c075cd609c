//! The token endpoint's two grants, and what introspection, revocation and userinfo say of a
//! token. A code is used once, a refresh token is used once (rotation), and presenting a used
//! one ends its whole grant (reuse detection): each is one UPDATE, so a race is settled by the
//! database. The roles and permissions are read afresh every time a token is made or asked about.

use super::clients::Client;
use super::error::OAuthError;
use super::member_claims::{MemberClaims, member_claims};
use super::queries::{self, LiveGrant, RefreshFound};
use super::tokens::{self, AccessClaims, GrantFacts};
use crate::audit::{AuditAction, queries::AuditActor, queries::AuditEvent};
use crate::secrets::LinkToken;
use crate::server::{AppState, begin_write, now_rfc3339, rfc3339};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: u64,
    pub refresh_token: String,
    pub id_token: String,
    pub scope: String,
}

fn invalid_grant(why: &str) -> OAuthError {
    OAuthError::InvalidGrant(why.to_owned())
}

/// `grant_type=authorization_code`.
pub async fn exchange_code(
    state: &AppState,
    client: &Client,
    code: &str,
    redirect_uri: Option<&str>,
    verifier: Option<&str>,
) -> Result<TokenResponse, OAuthError> {
    let code = LinkToken::from_link(code).ok_or_else(|| invalid_grant("unknown code"))?;
    let hash = code.hash().0;
    let now = now_rfc3339();
    let mut tx = begin_write(&state.writer).await?;
    let Some(taken) = queries::take_code(&mut tx, &hash, &now).await? else {
        // A code used twice: whatever it was exchanged for ends too (RFC 6749 §4.1.2).
        let ended = queries::end_grant_of_reused_code(&mut tx, &hash, &now).await?;
        tx.commit().await?;
        if ended {
            tracing::warn!(client = %client.id, "an authorization code was used twice; its grant ended");
        }
        return Err(invalid_grant("the code is unknown or was already used"));
    };
    let refusal = if taken.client_id != client.id {
        Some("the code was issued to another client")
    } else if taken.expires_at <= now {
        Some("the code has expired")
    } else if redirect_uri != Some(taken.redirect_uri.as_str()) {
        Some("redirect_uri differs from the authorization request's")
    } else if !verifier
        .is_some_and(|verifier| super::pkce::verifies(verifier, &taken.code_challenge))
    {
        Some("code_verifier does not match the code_challenge")
    } else {
        None
    };
    if let Some(why) = refusal {
        // The code stays used: a failed exchange does not leave it for a second try.
        tx.commit().await?;
        return Err(invalid_grant(why));
    }
    let member = member_claims(&mut tx, &taken.account_id, &taken.user_id).await?;
    let Some(member) = member.filter(|member| !member.needs_second_factor) else {
        tx.commit().await?;
        return Err(invalid_grant(
            "the user is no longer a member of that account",
        ));
    };
    let grant_id = uuid::Uuid::new_v4().to_string();
    let grant = queries::NewGrant {
        id: &grant_id,
        client_id: &client.id,
        user_id: &taken.user_id,
        account_id: &taken.account_id,
        session_row: &taken.session_row,
        scope: &taken.scope,
        amr: &taken.amr,
        auth_time: taken.auth_time,
        backchannel: client.backchannel_logout_uri.is_some(),
    };
    if !queries::insert_grant(&mut tx, &grant, &now).await? {
        tx.commit().await?;
        return Err(invalid_grant(
            "the Roster sign-in this code came from has ended",
        ));
    }
    queries::link_code_to_grant(&mut tx, &hash, &grant_id).await?;
    let refresh = new_refresh_token(state, &mut tx, &grant_id, &now).await?;
    // One event per sign-in of a product, not per refresh.
    crate::audit::queries::record(
        &mut tx,
        AuditEvent {
            account_id: &taken.account_id,
            actor: AuditActor::User(&taken.user_id),
            action: AuditAction::ClientSignedIn,
            target_kind: "client",
            target_id: &client.id,
            target_name: &client.name,
            details: serde_json::json!({ "scope": taken.scope, "amr": tokens::amr_list(&taken.amr) }),
        },
    )
    .await?;
    tx.commit().await?;
    let live = LiveGrant {
        id: grant_id,
        client_id: client.id.clone(),
        user_id: taken.user_id,
        account_id: taken.account_id,
        session_row: taken.session_row,
        scope: taken.scope,
        amr: taken.amr,
        auth_time: taken.auth_time,
    };
    respond_with_tokens(state, &live, &member, refresh, taken.nonce).await
}

/// `grant_type=refresh_token`: a new access token with the member's roles as they are now, and
/// a new refresh token; the old one is used up.
pub async fn refresh(
    state: &AppState,
    client: &Client,
    refresh_token: &str,
) -> Result<TokenResponse, OAuthError> {
    let token = LinkToken::from_link(refresh_token)
        .ok_or_else(|| invalid_grant("unknown refresh token"))?;
    let hash = token.hash().0;
    let now = now_rfc3339();
    let mut tx = begin_write(&state.writer).await?;
    let (grant_id, expires_at) = match queries::take_refresh_token(&mut tx, &hash, &now).await? {
        RefreshFound::Taken {
            grant_id,
            expires_at,
        } => (grant_id, expires_at),
        RefreshFound::Reused { grant_id } => {
            queries::end_grant(&mut tx, &grant_id, &now).await?;
            tx.commit().await?;
            tracing::warn!(client = %client.id, grant = %grant_id, "a refresh token was used twice; its grant ended");
            return Err(invalid_grant(
                "the refresh token was already used; its sign-in has ended",
            ));
        }
        RefreshFound::Unknown => return Err(invalid_grant("unknown refresh token")),
    };
    let Some(grant) = queries::live_grant_by_id(&mut tx, &grant_id).await? else {
        tx.commit().await?;
        return Err(invalid_grant("the sign-in has ended"));
    };
    if grant.client_id != client.id {
        tx.commit().await?;
        return Err(invalid_grant(
            "the refresh token was issued to another client",
        ));
    }
    if expires_at <= now {
        tx.commit().await?;
        return Err(invalid_grant("the refresh token has expired"));
    }
    let member = member_claims(&mut tx, &grant.account_id, &grant.user_id).await?;
    let Some(member) = member.filter(|member| !member.needs_second_factor) else {
        queries::end_grant(&mut tx, &grant.id, &now).await?;
        tx.commit().await?;
        return Err(invalid_grant(
            "the user is no longer a member of that account",
        ));
    };
    let refresh = new_refresh_token(state, &mut tx, &grant.id, &now).await?;
    queries::touch_session(&mut tx, &grant.session_row, &now).await?;
    tx.commit().await?;
    respond_with_tokens(state, &grant, &member, refresh, None).await
}

async fn new_refresh_token(
    state: &AppState,
    tx: &mut crate::db::Tx,
    grant_id: &str,
    now: &str,
) -> Result<LinkToken, OAuthError> {
    let token = LinkToken::generate();
    let expires_at = rfc3339(
        chrono::Utc::now()
            + chrono::Duration::from_std(state.oauth.refresh_token_lifetime).unwrap_or_default(),
    );
    queries::insert_refresh_token(tx, &token.hash().0, grant_id, now, &expires_at).await?;
    Ok(token)
}

fn facts<'a>(state: &'a AppState, grant: &'a LiveGrant) -> GrantFacts<'a> {
    GrantFacts {
        issuer: &state.oauth.issuer,
        client_id: &grant.client_id,
        user_id: &grant.user_id,
        grant_id: &grant.id,
        account_id: &grant.account_id,
        scope: &grant.scope,
        amr: &grant.amr,
        auth_time: grant.auth_time,
    }
}

async fn respond_with_tokens(
    state: &AppState,
    grant: &LiveGrant,
    member: &MemberClaims,
    refresh: LinkToken,
    nonce: Option<String>,
) -> Result<TokenResponse, OAuthError> {
    let settings = &state.oauth;
    let facts = facts(state, grant);
    let person = queries::person(&state.pool, &grant.user_id)
        .await?
        .ok_or_else(|| invalid_grant("the user is gone"))?;
    let accounts =
        queries::accounts_of(&state.pool, &grant.user_id, settings.id_token_accounts).await?;
    let ring = settings.keys.ring().await?;
    let access = tokens::access_claims(&facts, member, settings.access_token_lifetime);
    let id = tokens::id_claims(&facts, &person, nonce, accounts, settings.id_token_lifetime);
    let algorithm = settings
        .clients
        .get(&grant.client_id)
        .map_or(jsonwebtoken::Algorithm::ES256, |client| client.algorithm());
    let access_token = tokens::sign(&ring, algorithm, tokens::ACCESS_TOKEN_TYPE, &access)
        .map_err(|_| OAuthError::ServerError)?;
    let id_token = tokens::sign(&ring, algorithm, tokens::ID_TOKEN_TYPE, &id)
        .map_err(|_| OAuthError::ServerError)?;
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: settings.access_token_lifetime.as_secs(),
        refresh_token: refresh.as_str().to_owned(),
        id_token,
        scope: grant.scope.clone(),
    })
}

/// An access token Roster issued to `client`, still good: signed, unexpired, its grant live, and
/// the member's roles and permissions still the ones it names.
pub async fn live_access_token(
    state: &AppState,
    token: &str,
    client: Option<&Client>,
) -> Result<Option<AccessClaims>, OAuthError> {
    let ring = state.oauth.keys.ring().await?;
    let Some(claims) = tokens::verify::<AccessClaims>(
        &ring,
        token,
        &state.oauth.issuer,
        tokens::ACCESS_TOKEN_TYPE,
        false,
    ) else {
        return Ok(None);
    };
    if client.is_some_and(|client| client.id != claims.client_id) {
        return Ok(None);
    }
    let mut conn = state.pool.acquire().await?;
    if queries::live_grant_by_id(&mut conn, &claims.sid)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let member = member_claims(&mut conn, &claims.account_id, &claims.sub).await?;
    let unchanged = member.is_some_and(|member| {
        !member.needs_second_factor
            && member.roles == claims.roles
            && member.permissions == claims.permissions
    });
    Ok(unchanged.then_some(claims))
}

/// RFC 7662: what the token is, if it is active; `{"active": false}` otherwise.
pub async fn introspect(
    state: &AppState,
    client: &Client,
    token: &str,
) -> Result<serde_json::Value, OAuthError> {
    if let Some(claims) = live_access_token(state, token, Some(client)).await? {
        let mut body = serde_json::to_value(&claims).map_err(|_| OAuthError::ServerError)?;
        body["active"] = true.into();
        body["token_type"] = "access_token".into();
        return Ok(body);
    }
    if let Some(token) = LinkToken::from_link(token) {
        let now = now_rfc3339();
        if let Some(grant_id) =
            queries::refresh_token_grant(&state.pool, &token.hash().0, &now).await?
        {
            let mut conn = state.pool.acquire().await?;
            if let Some(grant) = queries::live_grant_by_id(&mut conn, &grant_id).await?
                && grant.client_id == client.id
            {
                return Ok(serde_json::json!({
                    "active": true,
                    "token_type": "refresh_token",
                    "client_id": grant.client_id,
                    "sub": grant.user_id,
                    "scope": grant.scope,
                    "account_id": grant.account_id,
                    "sid": grant.id,
                }));
            }
        }
    }
    Ok(serde_json::json!({ "active": false }))
}

/// RFC 7009: ends the grant of a refresh or access token issued to `client`. Unknown tokens,
/// and other clients' tokens, change nothing (and the answer is the same).
pub async fn revoke(state: &AppState, client: &Client, token: &str) -> Result<(), OAuthError> {
    let now = now_rfc3339();
    let ring = state.oauth.keys.ring().await?;
    let grant_id = if let Some(claims) = tokens::verify::<AccessClaims>(
        &ring,
        token,
        &state.oauth.issuer,
        tokens::ACCESS_TOKEN_TYPE,
        true,
    ) {
        Some(claims.sid)
    } else if let Some(token) = LinkToken::from_link(token) {
        let mut conn = state.pool.acquire().await?;
        match queries::take_refresh_token(&mut conn, &token.hash().0, &now).await? {
            RefreshFound::Taken { grant_id, .. } | RefreshFound::Reused { grant_id } => {
                Some(grant_id)
            }
            RefreshFound::Unknown => None,
        }
    } else {
        None
    };
    let Some(grant_id) = grant_id else {
        return Ok(());
    };
    let mut tx = begin_write(&state.writer).await?;
    if let Some(grant) = queries::live_grant_by_id(&mut tx, &grant_id).await?
        && grant.client_id == client.id
    {
        queries::end_grant(&mut tx, &grant.id, &now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// OpenID Connect Core §5.3: who the token's user is, with every account and its roles.
pub async fn userinfo(state: &AppState, token: &str) -> Result<serde_json::Value, OAuthError> {
    let claims = live_access_token(state, token, None)
        .await?
        .ok_or(OAuthError::InvalidToken)?;
    let person = queries::person(&state.pool, &claims.sub)
        .await?
        .ok_or(OAuthError::InvalidToken)?;
    let accounts = queries::accounts_of(&state.pool, &claims.sub, USERINFO_ACCOUNTS).await?;
    let has = |scope: &str| claims.scope.split(' ').any(|given| given == scope);
    let mut body = serde_json::json!({
        "sub": claims.sub,
        "account_id": claims.account_id,
        "accounts": accounts,
    });
    if has("email") {
        body["email"] = person.email.into();
        body["email_verified"] = person.email_verified.into();
    }
    if has("profile") {
        body["name"] = person.name.into();
    }
    Ok(body)
}

/// The most accounts userinfo lists (the same as a user may belong to, by default).
const USERINFO_ACCOUNTS: u32 = 1000;
