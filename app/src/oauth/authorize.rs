//! The authorization endpoint's decisions, the same for its first visit (GET), the return from
//! signing in, and the picker and consent form (POST): check the request, make sure the right
//! person signed in recently enough, settle the account and the consent, then send a code.

use super::authorize_request::{
    AuthorizeParams, AuthorizeRequest, ClientError, Problem, Refusal, check,
};
use super::queries;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::secrets::LinkToken;
use crate::server::{AppState, begin_write, now_rfc3339, rfc3339};

/// Who is signed in to this browser, and which session row proves it.
pub struct BrowserSignIn {
    pub user: CurrentUser,
    pub session_row: String,
}

/// What the person chose on the picker and consent form.
#[derive(Debug, Clone)]
pub struct Decision {
    pub account_id: Option<String>,
    pub allow: bool,
}

/// Where the browser goes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Sign in (again), then come back to this path.
    SignIn(String),
    /// The account picker and consent page, for this request.
    Decide,
    /// Back to the product: a code, or an error.
    Redirect(String),
    /// A problem shown on Roster's page.
    Problem(Problem),
}

/// What the picker and consent page show.
#[derive(Debug, Clone)]
pub struct Prompting {
    pub client_name: String,
    pub accounts: Vec<(String, String)>,
    pub chosen: Option<String>,
    pub scopes: Vec<String>,
    pub needs_consent: bool,
}

/// The most accounts the picker lists.
const PICKER_ACCOUNTS: u32 = 100;

pub async fn proceed(
    state: &AppState,
    params: &AuthorizeParams,
    signed_in: Option<&BrowserSignIn>,
    decision: Option<&Decision>,
) -> Result<Next, AppError> {
    let settings = &state.oauth;
    let request = match check(params, &settings.clients) {
        Ok(request) => request,
        Err(Refusal::Here(problem)) => return Ok(Next::Problem(problem)),
        Err(Refusal::ToClient(error)) => return Ok(Next::Redirect(error.url(&settings.issuer))),
    };
    let refuse = |error: &'static str, description: &str| {
        Next::Redirect(
            ClientError {
                redirect_uri: request.redirect_uri.clone(),
                state: request.state.clone(),
                error,
                description: description.to_owned(),
            }
            .url(&settings.issuer),
        )
    };
    let Some(signed_in) = signed_in else {
        if request.prompt.none {
            return Ok(refuse("login_required", "nobody is signed in to Roster"));
        }
        return Ok(Next::SignIn(return_path(params, false)));
    };
    let Some((amr, started_at)) =
        queries::session_made(&state.pool, &signed_in.session_row).await?
    else {
        return Ok(Next::SignIn(return_path(params, false)));
    };
    let started = chrono::DateTime::parse_from_rfc3339(&started_at).ok();
    let auth_time = started.map_or(0, |at| at.timestamp());
    let now = chrono::Utc::now().timestamp();
    // In milliseconds: a sign-in a moment before the request to sign in again does not count.
    let login_asked = request.prompt.login
        && request
            .login_after
            .is_none_or(|after| started.map_or(0, |at| at.timestamp_millis()) < after);
    let too_old = request.max_age.is_some_and(|age| now - auth_time > age);
    if login_asked || too_old {
        if request.prompt.none {
            return Ok(refuse(
                "login_required",
                "the sign-in is older than max_age",
            ));
        }
        return Ok(Next::SignIn(return_path(params, login_asked)));
    }
    let user_id = &signed_in.user.id;
    let chosen = decision
        .and_then(|decision| decision.account_id.clone())
        .or_else(|| request.account_hint.clone());
    let accounts = if chosen.is_some() {
        Vec::new()
    } else {
        queries::accounts_of(&state.pool, user_id, 2).await?
    };
    let account_id = match (chosen, accounts.as_slice()) {
        (Some(account), _) => account,
        (None, [only]) if !request.prompt.select_account => only.id.clone(),
        (None, []) => return Ok(Next::Problem(Problem::NoAccount)),
        (None, _) if request.prompt.none => {
            return Ok(refuse(
                "account_selection_required",
                "the user belongs to several accounts: name one with account_id",
            ));
        }
        (None, _) => return Ok(Next::Decide),
    };
    let mut conn = state.pool.acquire().await?;
    let member = super::member_claims::member_claims(&mut conn, &account_id, user_id).await?;
    drop(conn);
    let Some(member) = member else {
        return Ok(refuse(
            "access_denied",
            "the user is not a member of that account",
        ));
    };
    if member.needs_second_factor {
        return Ok(refuse(
            "access_denied",
            "that account requires a second factor the user has not added",
        ));
    }
    let consented = needs_no_consent(state, &request, user_id).await?;
    match decision {
        Some(decision) if !decision.allow => {
            return Ok(refuse("access_denied", "the user declined"));
        }
        Some(_) => {}
        None if consented => {}
        None if request.prompt.none => {
            return Ok(refuse(
                "consent_required",
                "the user has not consented to this product",
            ));
        }
        None => return Ok(Next::Decide),
    }
    let code = LinkToken::generate();
    let mut tx = begin_write(&state.writer).await?;
    let now_text = now_rfc3339();
    // Consent is written when the person gave it on the form, not on every visit after.
    if !request.client.first_party && decision.is_some() {
        queries::record_consent(
            &mut tx,
            user_id,
            &request.client.id,
            &request.scope,
            &now_text,
        )
        .await?;
    }
    let expires_at = rfc3339(
        chrono::Utc::now() + chrono::Duration::from_std(settings.code_lifetime).unwrap_or_default(),
    );
    queries::insert_code(
        &mut tx,
        &queries::NewCode {
            hash: code.hash().0.to_vec(),
            client_id: &request.client.id,
            user_id,
            account_id: &account_id,
            session_row: &signed_in.session_row,
            redirect_uri: &request.redirect_uri,
            scope: &request.scope,
            nonce: request.nonce.as_deref(),
            code_challenge: &request.code_challenge,
            amr: &amr,
            auth_time,
            expires_at: &expires_at,
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(client = %request.client.id, user.id = %user_id, "authorization code issued");
    let mut pairs = vec![("code", code.as_str())];
    if let Some(state) = &request.state {
        pairs.push(("state", state));
    }
    Ok(Next::Redirect(super::authorize_request::redirect_with(
        &request.redirect_uri,
        &settings.issuer,
        &pairs,
    )))
}

/// What the picker and consent page show for this request (`None`: nothing to decide here; the
/// page then offers to start again).
pub async fn prompting(
    state: &AppState,
    params: &AuthorizeParams,
    user: &CurrentUser,
) -> Result<Option<Prompting>, AppError> {
    let Ok(request) = check(params, &state.oauth.clients) else {
        return Ok(None);
    };
    let accounts = queries::accounts_of(&state.pool, &user.id, PICKER_ACCOUNTS).await?;
    let chosen = request
        .account_hint
        .clone()
        .filter(|hint| accounts.iter().any(|account| &account.id == hint))
        .or_else(|| match accounts.as_slice() {
            [only] => Some(only.id.clone()),
            _ => None,
        });
    let needs_consent = !needs_no_consent(state, &request, &user.id).await?;
    Ok(Some(Prompting {
        client_name: request.client.name.clone(),
        accounts: accounts
            .into_iter()
            .map(|account| (account.id, account.name))
            .collect(),
        chosen,
        scopes: request.scope.split(' ').map(str::to_owned).collect(),
        needs_consent,
    }))
}

async fn needs_no_consent(
    state: &AppState,
    request: &AuthorizeRequest,
    user_id: &str,
) -> Result<bool, AppError> {
    if request.client.first_party {
        return Ok(true);
    }
    if request.prompt.consent {
        return Ok(false);
    }
    let given = queries::consented_scope(&state.pool, user_id, &request.client.id).await?;
    Ok(given.is_some_and(|given| {
        request
            .scope
            .split(' ')
            .all(|scope| given.split(' ').any(|held| held == scope))
    }))
}

/// The path that brings the browser back to this request after signing in. After a
/// `prompt=login`, the return says since when a sign-in counts, so it is asked once.
fn return_path(params: &AuthorizeParams, login_asked: bool) -> String {
    let mut back = params.clone();
    if login_asked {
        back.login_after = Some(chrono::Utc::now().timestamp_millis().to_string());
    }
    format!("/oauth/authorize?{}", back.to_query())
}
