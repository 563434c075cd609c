//! The JSON API for programs, at `/api/v1`: an account's API key as `Authorization: Bearer`,
//! the same gate and the same rules as the pages, errors as problem details. The router and the
//! OpenAPI document are built from the same list (`routes!`), so neither has what the other
//! lacks.

mod account;
mod audit_events;
mod bounces;
mod calling_key;
mod catalogue;
mod check;
mod cursor;
mod guessing;
mod idempotency;
mod invitations;
mod json_body;
mod members;
pub mod problem;
mod rate;
mod reference;
mod refusals;
mod roles;

pub use guessing::KeyGuessing;
pub use rate::KeyRate;

use app::server::AppState;
use axum::Router;
use axum::routing::get;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(Clone)]
pub struct ApiState {
    pub app: AppState,
    pub rate: KeyRate,
    /// Clients presenting keys that do not work, slowed down.
    pub guessing: KeyGuessing,
    /// How long an Idempotency-Key's first answer is replayed.
    pub replay_window: chrono::Duration,
    pub in_flight: idempotency::InFlight,
    /// Where bounces return, and the secret their reports are signed with, if set.
    pub bounces: Option<crate::mail::bounce::BounceMailbox>,
    /// How old a signed bounce report may be.
    pub bounce_max_age: std::time::Duration,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Roster API",
        version = "1",
        description = "Who belongs to an account and what each may do, for programs: authenticate with an API key of the account (`Authorization: Bearer roster_…`). Errors are RFC 9457 problem documents. A POST may carry an `Idempotency-Key` header (1–255 characters): a retry with the same key and body gets the first answer again (with `Idempotent-Replayed: true`) for 24 hours; the same key with another request is refused (422), and a retry while the first is still answered is a 409."
    ),
    servers((url = "/api/v1")),
    modifiers(&BearerKeys)
)]
struct Document;

struct BearerKeys;

impl utoipa::Modify for BearerKeys {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("roster_ followed by 43 base62 characters")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "bounce_signature",
            SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Header(
                utoipa::openapi::security::ApiKeyValue::with_description(
                    "Roster-Signature",
                    "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" under --bounce-secret>",
                ),
            )),
        );
    }
}

/// The API's routes and their OpenAPI document, from one list.
pub fn documented(api: ApiState) -> (Router, utoipa::openapi::OpenApi) {
    let (router, document) = OpenApiRouter::with_openapi(Document::openapi())
        .routes(routes!(catalogue::permissions))
        .routes(routes!(account::account))
        .routes(routes!(check::check))
        .routes(routes!(check::member_permissions))
        .routes(routes!(members::list))
        .routes(routes!(members::get, members::set_roles, members::remove))
        .routes(routes!(roles::list, roles::create))
        .routes(routes!(roles::get, roles::update, roles::delete))
        .routes(routes!(invitations::list, invitations::invite))
        .routes(routes!(invitations::resend))
        .routes(routes!(invitations::revoke))
        .routes(routes!(audit_events::list))
        .routes(routes!(bounces::report))
        .layer(axum::middleware::from_fn_with_state(
            api.clone(),
            idempotency::idempotent,
        ))
        .layer(axum::middleware::from_fn_with_state(
            api.guessing.clone(),
            guessing::slow_key_guessing,
        ))
        .with_state(api)
        .split_for_parts();
    (router, document)
}

/// The API to nest at `/api/v1`: the documented routes, the document itself at
/// `/openapi.json`, and a reference page for people at `/reference`. An unknown path there is
/// a problem document.
pub fn router(api: ApiState) -> Router {
    let (routes, document) = documented(api);
    let json = std::sync::Arc::new(document.to_json().unwrap_or_default());
    let page = std::sync::Arc::new(reference::page(&document));
    routes
        .route(
            "/openapi.json",
            get(move || {
                let json = json.clone();
                async move {
                    (
                        [(http::header::CONTENT_TYPE, "application/json")],
                        (*json).clone(),
                    )
                }
            }),
        )
        .route(
            "/reference",
            get(move || {
                let page = page.clone();
                async move { axum::response::Html((*page).clone()) }
            }),
        )
        .fallback(not_found)
}

async fn not_found() -> problem::Problem {
    problem::Problem(app::error::AppError::NotFound("This API path".into()))
}
