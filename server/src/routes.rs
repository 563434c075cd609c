//! The one router: pages, server functions under `/api/<name>`, static files, and the layers
//! every request passes through.

use crate::client_address::{TrustedProxies, record_client_address};
use crate::origin_guard::{PublicAuthority, refuse_cross_site};
use crate::request_limits::{RequestLimits, bound_request};
use crate::security_headers::add_security_headers;
use crate::server_fn_errors::status_of_server_fn_errors;
use crate::typed_values::{SecureCookies, keep_typed_values};
use app::server::AppState;
use app::{App, shell};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list,
};
use std::sync::OnceLock;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;
use tower_sessions::SessionManagerLayer;

pub struct RouterParts {
    pub state: AppState,
    pub metrics: crate::metrics::Metrics,
    /// Requests per API key and minute.
    pub api_rate: crate::api_v1::KeyRate,
    pub api_key_guessing: crate::api_v1::KeyGuessing,
    /// How long an Idempotency-Key's first answer is replayed.
    pub api_replay_window: chrono::Duration,
    pub bounces: Option<crate::mail::bounce::BounceMailbox>,
    pub bounce_max_age: std::time::Duration,
    pub leptos_options: LeptosOptions,
    pub sessions: SessionManagerLayer<crate::sessions::Sessions>,
    pub public_authority: PublicAuthority,
    pub request_limits: RequestLimits,
    pub trusted_proxies: TrustedProxies,
    pub secure_cookies: SecureCookies,
}

/// Generating the route list renders the app once with resource loading suppressed for the
/// whole process (leptos issue 4773): a page rendering elsewhere in the process at that moment
/// waits forever. So it runs once per process, before any server in it serves (the tests start
/// many servers in one process, and hung on this under load).
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The built browser files, each sent as its brotli or gzip copy (written by
/// `cargo leptos build --release --precompress`) when the browser takes that encoding, so that
/// nothing is compressed per request and the WASM goes out at brotli's size.
fn browser_files(options: &LeptosOptions) -> ServeDir {
    let folder = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    ServeDir::new(folder)
        .precompressed_br()
        .precompressed_gzip()
}

pub fn router(parts: RouterParts) -> Router {
    let RouterParts {
        state,
        metrics,
        api_rate,
        api_key_guessing,
        api_replay_window,
        bounces,
        bounce_max_age,
        leptos_options,
        sessions,
        public_authority,
        request_limits,
        trusted_proxies,
        secure_cookies,
    } = parts;
    let routes = route_list();
    let operator = Router::new()
        .route("/healthz", axum::routing::get(crate::health::healthz))
        .route(
            "/readyz",
            axum::routing::get(crate::health::readyz).with_state(state.clone()),
        )
        .route(
            "/metrics",
            axum::routing::get(crate::metrics::scrape).with_state((metrics.clone(), state.clone())),
        );
    let api = crate::api_v1::router(crate::api_v1::ApiState {
        app: state.clone(),
        rate: api_rate,
        guessing: api_key_guessing,
        replay_window: api_replay_window,
        in_flight: Default::default(),
        bounces,
        bounce_max_age,
    });
    let files = app::browser_files::discover(
        &std::path::Path::new(&*leptos_options.site_root).join(&*leptos_options.site_pkg_dir),
        &format!("/{}", leptos_options.site_pkg_dir),
        &leptos_options.output_name,
    );
    let openid = crate::oauth::router(state.clone());
    let form_targets = crate::security_headers::FormTargets(
        state.oauth.clients.redirect_origins().join(" ").into(),
    );
    let provide_state = move || {
        provide_context(state.clone());
        provide_context(files.clone());
        app::server::security_headers::share_page_nonce();
        app::access::PageReads::provide();
    };
    let app = Router::new()
        .leptos_routes_with_context(&leptos_options, routes, provide_state.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .nest("/api/v1", api.with_state(()))
        .merge(openid)
        .merge(operator)
        .nest_service(
            &format!("/{}", leptos_options.site_pkg_dir),
            browser_files(&leptos_options),
        )
        .fallback(file_and_error_handler_with_context(provide_state, shell))
        .with_state(leptos_options)
        .layer(sessions)
        .layer(axum::middleware::from_fn(status_of_server_fn_errors))
        .layer(axum::middleware::from_fn_with_state(
            secure_cookies,
            keep_typed_values,
        ))
        .layer(axum::middleware::from_fn_with_state(
            trusted_proxies,
            record_client_address,
        ))
        .layer(axum::middleware::from_fn_with_state(
            request_limits,
            bound_request,
        ))
        .layer(axum::middleware::from_fn_with_state(
            public_authority,
            refuse_cross_site,
        ))
        .layer(axum::middleware::from_fn_with_state(
            metrics,
            crate::metrics::measure,
        ));
    add_security_headers(app, form_targets)
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
}

/// The span of a request: its method and path, except a mailed link's token, which is a secret
/// until used (and no query string, which may hold addresses).
fn request_span(request: &http::Request<axum::body::Body>) -> tracing::Span {
    let path = request.uri().path();
    const SECRET_LINKS: [(&str, &str); 4] = [
        ("/invitations/", "/invitations/…"),
        ("/reset-password/", "/reset-password/…"),
        ("/verify-address/", "/verify-address/…"),
        ("/confirm-address/", "/confirm-address/…"),
    ];
    let path = SECRET_LINKS
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        .map_or(path, |(_, hidden)| hidden);
    tracing::debug_span!("request", method = %request.method(), path = %path)
}
