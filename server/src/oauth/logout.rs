//! RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): a product sends the browser
//! here with the ID token it holds; Roster ends the browser's session (so every other product
//! signed in through it hears by back-channel) and sends it to a registered address.

use app::oauth::authorize_request::redirect_with;
use app::oauth::problem::Problem;
use app::oauth::tokens::{self, IdClaims};
use app::server::AppState;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

pub async fn end_session(
    State(state): State<AppState>,
    session: Session,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(params) = super::form::Params::parse(query.as_deref().unwrap_or("").as_bytes()) else {
        return problem(Problem::Malformed);
    };
    let ring = match state.oauth.keys.ring().await {
        Ok(ring) => ring,
        Err(error) => {
            tracing::error!(%error, "reading the signing keys failed");
            return http::StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    // An expired ID token still says who the product thinks is signed in.
    let Some(hint) = params.get("id_token_hint").and_then(|hint| {
        tokens::verify::<IdClaims>(
            &ring,
            hint,
            &state.oauth.issuer,
            tokens::ID_TOKEN_TYPE,
            true,
        )
    }) else {
        return problem(Problem::LogoutUnconfirmed);
    };
    let Some(client) = state.oauth.clients.get(&hint.aud) else {
        return problem(Problem::UnknownClient);
    };
    if params.get("client_id").is_some_and(|id| id != client.id) {
        return problem(Problem::Malformed);
    }
    let back_to = match params.get("post_logout_redirect_uri") {
        Some(uri) if client.allows_post_logout_redirect(uri) => Some(uri.to_owned()),
        Some(_) => return problem(Problem::UnregisteredRedirect),
        None => None,
    };
    if let Err(error) = sign_out_if(&state, &session, &hint.sub).await {
        tracing::error!(?error, "ending a session for a product failed");
        return http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let to = match back_to {
        Some(uri) => {
            let state_pairs: Vec<(&str, &str)> = params
                .get("state")
                .map(|state| ("state", state))
                .into_iter()
                .collect();
            redirect_with(&uri, &state.oauth.issuer, &state_pairs)
        }
        None => "/sign-in".to_owned(),
    };
    (
        [(http::header::CACHE_CONTROL, "no-store")],
        Redirect::to(&to),
    )
        .into_response()
}

/// Ends this browser's session when it is `user_id`'s (a product cannot sign out someone else).
async fn sign_out_if(
    state: &AppState,
    session: &Session,
    user_id: &str,
) -> Result<(), app::error::AppError> {
    let Some((user, row)) = app::access::signed_in_user_with(state, session).await? else {
        return Ok(());
    };
    if user.id != user_id {
        return Ok(());
    }
    app::auth::sessions_queries::end(&state.writer, &user.id, &row).await?;
    session.flush().await.map_err(app::server::internal)?;
    tracing::info!(user.id = %user.id, "signed out at a product's request");
    Ok(())
}

fn problem(problem: Problem) -> Response {
    Redirect::to(&format!("/oauth/problem?reason={}", problem.key())).into_response()
}
