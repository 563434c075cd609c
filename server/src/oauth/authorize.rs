//! `/oauth/authorize`: the first visit (GET) and the picker and consent form (POST, same site
//! only, as every form of Roster's). Both run the same decisions (`app::oauth::authorize`).

use app::oauth::authorize::{BrowserSignIn, Decision, Next, proceed};
use app::oauth::authorize_request::AuthorizeParams;
use app::oauth::problem::Problem;
use app::server::AppState;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

pub async fn start(
    State(state): State<AppState>,
    session: Session,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(params) = AuthorizeParams::from_query(query.as_deref().unwrap_or("")) else {
        return go(&Next::Problem(Problem::Malformed));
    };
    answer(&state, &session, &params, None).await
}

pub async fn decide(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Response {
    let Ok(text) = std::str::from_utf8(&body) else {
        return go(&Next::Problem(Problem::Malformed));
    };
    let Some(fields) = super::form::Params::parse(body.as_ref()) else {
        return go(&Next::Problem(Problem::Malformed));
    };
    let decision = fields.get("decision").map(|decision| Decision {
        account_id: fields.get("chosen_account").map(str::to_owned),
        allow: decision == "allow",
    });
    let Some(params) = AuthorizeParams::from_query(text) else {
        return go(&Next::Problem(Problem::Malformed));
    };
    answer(&state, &session, &params, decision.as_ref()).await
}

async fn answer(
    state: &AppState,
    session: &Session,
    params: &AuthorizeParams,
    decision: Option<&Decision>,
) -> Response {
    let signed_in = match app::access::signed_in_user_with(state, session).await {
        Ok(signed_in) => signed_in.map(|(user, session_row)| BrowserSignIn { user, session_row }),
        Err(error) => {
            tracing::error!(?error, "reading the session failed");
            return http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match proceed(state, params, signed_in.as_ref(), decision).await {
        Ok(next) => go_with(&next, params),
        Err(error) => {
            tracing::error!(?error, "an authorization request failed");
            http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

fn go(next: &Next) -> Response {
    go_with(next, &AuthorizeParams::default())
}

fn go_with(next: &Next, params: &AuthorizeParams) -> Response {
    let to = match next {
        Next::SignIn(back) => {
            let encoded: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
            format!("/sign-in?next={encoded}")
        }
        Next::Decide => format!("{}?{}", app::oauth::DECIDE_PATH, params.to_query()),
        Next::Redirect(url) => url.clone(),
        Next::Problem(problem) => format!("/oauth/problem?reason={}", problem.key()),
    };
    // Nothing here may be cached: the answer depends on who is signed in.
    (
        [(http::header::CACHE_CONTROL, "no-store")],
        Redirect::to(&to),
    )
        .into_response()
}
