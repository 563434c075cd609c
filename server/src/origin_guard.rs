//! Refuses state-changing requests that a browser says come from another site.
//!
//! Server functions accept plain form posts, so without this check any page on the web could
//! submit a form to Roster with the visitor's session cookie (cross-site request forgery).
//! SameSite=Lax cookies already stop most of it; this is the second lock.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, Method, StatusCode, header};

/// The authority (`host:port`) of the configured public URL, also accepted as an origin: behind a
/// reverse proxy the `Host` header may name the internal address instead.
#[derive(Clone, Debug)]
pub struct PublicAuthority(pub Option<String>);

impl PublicAuthority {
    pub fn from_url(public_url: &str) -> Self {
        Self(authority_of(public_url).map(str::to_ascii_lowercase))
    }
}

pub async fn refuse_cross_site(
    State(public): State<PublicAuthority>,
    request: Request,
    next: Next,
) -> Response {
    if changes_state(request.method())
        && !crate::oauth::is_cookieless(request.uri().path())
        && comes_from_another_site(&public, request.headers())
    {
        tracing::warn!(
            method = %request.method(),
            path = %request.uri().path(),
            origin = ?request.headers().get(header::ORIGIN),
            "refused a cross-site request"
        );
        // The body is left unread, so the connection closes after this answer, and says so.
        return crate::request_limits::closing(
            (
                StatusCode::FORBIDDEN,
                "Refused: this request came from another site.",
            )
                .into_response(),
        );
    }
    next.run(request).await
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// `Sec-Fetch-Site` is the browser's own verdict and wins when present. Otherwise `Origin` must
/// name the host the request was sent to. A request with neither is not from a browser form or
/// script (browsers send `Origin` on every cross-site POST) and is let through.
fn comes_from_another_site(public: &PublicAuthority, headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.to_str(), Ok("same-origin") | Ok("none"));
    }
    match headers.get(header::ORIGIN) {
        None => false,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|host| host.to_str().ok());
            match (origin.to_str().ok().and_then(authority_of), host) {
                (Some(origin_authority), host) => {
                    let matches_host =
                        host.is_some_and(|host| origin_authority.eq_ignore_ascii_case(host));
                    let matches_public = public
                        .0
                        .as_deref()
                        .is_some_and(|public| origin_authority.eq_ignore_ascii_case(public));
                    !(matches_host || matches_public)
                }
                (None, _) => true,
            }
        }
    }
}

/// `https://example.com:8443` → `example.com:8443`; `null` and anything unparsable → `None`.
fn authority_of(origin: &str) -> Option<&str> {
    let (_, rest) = origin.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then_some(authority)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    const NONE: PublicAuthority = PublicAuthority(None);

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn same_origin_fetch_metadata_is_allowed() {
        assert!(!comes_from_another_site(
            &NONE,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(!comes_from_another_site(
            &NONE,
            &headers(&[("sec-fetch-site", "none")])
        ));
    }

    #[test]
    fn cross_and_same_site_fetch_metadata_is_refused() {
        assert!(comes_from_another_site(
            &NONE,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(comes_from_another_site(
            &NONE,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
    }

    #[test]
    fn origin_matching_host_is_allowed() {
        let map = headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(!comes_from_another_site(&NONE, &map));
    }

    #[test]
    fn origin_of_another_host_is_refused() {
        let map = headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(comes_from_another_site(&NONE, &map));
    }

    #[test]
    fn origin_matching_the_public_url_is_allowed_behind_a_proxy() {
        let public = PublicAuthority::from_url("https://roster.example.org/");
        let map = headers(&[
            ("origin", "https://roster.example.org"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(!comes_from_another_site(&public, &map));
    }

    #[test]
    fn opaque_null_origin_is_refused() {
        let map = headers(&[("origin", "null"), ("host", "127.0.0.1:3000")]);
        assert!(comes_from_another_site(&NONE, &map));
    }

    #[test]
    fn requests_without_browser_headers_pass() {
        assert!(!comes_from_another_site(
            &NONE,
            &headers(&[("host", "127.0.0.1:3000")])
        ));
    }

    #[test]
    fn reads_are_never_blocked() {
        assert!(!changes_state(&Method::GET));
        assert!(changes_state(&Method::POST));
    }
}
