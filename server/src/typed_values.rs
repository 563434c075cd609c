//! Nothing typed is lost when a plain form post (no JavaScript) is refused.
//!
//! The server-function framework answers a refused form post by sending the browser back to the
//! page it came from, with the error in the query (`__path`, `__err`). This layer adds what was
//! typed (`__typed`: the form's fields, passwords left out) so that the page can put it back,
//! and a fragment (`#form-<function>`) that brings the form, with its error, into view.
//! A later answer that is not a refusal drops a `__typed` left in the address. The refusal is
//! sealed for the browser that was refused (`refusal_seal`): a page whose address carries a
//! refusal sealed for another browser, or none, is sent to the same address without it.

use crate::refusal_seal::{self, SEAL_KEY};
use app::components::{TYPED_QUERY_KEY, form_anchor};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::header::{ACCEPT, LOCATION, SET_COOKIE};
use http::{HeaderValue, Method};
use http_body_util::BodyExt;

/// A longer form (a pasted address list is at most ~26 KB) is not carried back: the address
/// would grow past what browsers and proxies accept.
const MAX_TYPED_BYTES: usize = 64 * 1024;

/// Whether the refusal cookie is marked `Secure` (as the session cookie is).
#[derive(Clone, Copy)]
pub struct SecureCookies(pub bool);

pub async fn keep_typed_values(
    State(secure): State<SecureCookies>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(cleaned) = unsealed_refusal_removed(&request) {
        return Redirect::to(&cleaned).into_response();
    }
    let Some(function) = plain_form_post_to_function(&request) else {
        return next.run(request).await;
    };
    let browser_value = refusal_seal::browser_value(request.headers());
    let (parts, body) = request.into_parts();
    // The body was read to its end, under its cap, by `bound_request`: this only takes it.
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return next.run(Request::from_parts(parts, Body::empty())).await,
    };
    let mut response = next
        .run(Request::from_parts(parts, Body::from(bytes.clone())))
        .await;
    let Some(location) = response
        .headers()
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
    else {
        return response;
    };
    let mut new_cookie = None;
    let rewritten = if is_refusal(location) {
        let value = browser_value.unwrap_or_else(|| {
            let value = refusal_seal::new_browser_value();
            new_cookie = Some(refusal_seal::set_cookie(&value, secure.0));
            value
        });
        Some(sealed(
            &with_typed_values(location, &function, &bytes),
            &value,
        ))
    } else {
        without_typed_values(location)
    };
    if let Some(rewritten) = rewritten
        && let Ok(value) = HeaderValue::from_str(&rewritten)
    {
        response.headers_mut().insert(LOCATION, value);
        if let Some(cookie) = new_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
            response.headers_mut().append(SET_COOKIE, cookie);
        }
    }
    response
}

/// For a page whose address holds a refusal not sealed for this browser: the same address
/// without it.
fn unsealed_refusal_removed(request: &Request) -> Option<String> {
    if !matches!(*request.method(), Method::GET | Method::HEAD)
        || request.uri().path().starts_with("/api/")
    {
        return None;
    }
    let query = request.uri().query()?;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let browser_value = refusal_seal::browser_value(request.headers());
    if !refusal_seal::holds_refusal(&pairs)
        || refusal_seal::is_sealed_for(browser_value.as_deref(), &pairs)
    {
        return None;
    }
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (key, value) in &pairs {
        if !refusal_seal::is_refusal_key(key) {
            kept.append_pair(key, value);
        }
    }
    let kept = kept.finish();
    let separator = if kept.is_empty() { "" } else { "?" };
    Some(format!("{}{separator}{kept}", request.uri().path()))
}

/// `location` with the seal of its refusal for the browser holding `browser_value`.
fn sealed(location: &str, browser_value: &str) -> String {
    let (address, fragment) = location.split_once('#').unwrap_or((location, ""));
    let pairs: Vec<(String, String)> = query_pairs(location).collect();
    let seal = refusal_seal::seal(browser_value, &pairs);
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair(SEAL_KEY, &seal);
    let separator = if address.contains('?') { "&" } else { "?" };
    let fragment = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    format!("{address}{separator}{}{fragment}", query.finish())
}

/// The function's name, for a POST to `/api/<name>` from a page (it accepts HTML).
fn plain_form_post_to_function(request: &Request) -> Option<String> {
    if request.method() != Method::POST {
        return None;
    }
    let accepts_html = request
        .headers()
        .get(ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let name = request.uri().path().strip_prefix("/api/")?;
    (accepts_html && !name.is_empty() && !name.contains('/')).then(|| name.to_owned())
}

fn is_refusal(location: &str) -> bool {
    query_pairs(location).any(|(key, _)| key == "__err")
}

fn query_pairs(location: &str) -> impl Iterator<Item = (String, String)> + '_ {
    let query = location
        .split_once('?')
        .map_or("", |(_, rest)| rest.split('#').next().unwrap_or(""));
    form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned()))
}

fn with_typed_values(location: &str, function: &str, body: &[u8]) -> String {
    let (path, _) = location.split_once('?').unwrap_or((location, ""));
    let pairs: Vec<(String, String)> = query_pairs(location).collect();
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (index, (key, value)) in pairs.iter().enumerate() {
        // A second refusal is appended after the first one's error: only the latest counts.
        let superseded = matches!(key.as_str(), "__path" | "__err")
            && pairs[index + 1..].iter().any(|(later, _)| later == key);
        if key != TYPED_QUERY_KEY && key != SEAL_KEY && !superseded {
            query.append_pair(key, value);
        }
    }
    let typed = typed_fields(body);
    if !typed.is_empty() && typed.len() <= MAX_TYPED_BYTES {
        query.append_pair(TYPED_QUERY_KEY, &typed);
    }
    format!("{path}?{}#{}", query.finish(), form_anchor(function))
}

/// The form's fields as they were sent, but never a password.
fn typed_fields(body: &[u8]) -> String {
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(body) {
        if !key.contains("password") {
            kept.append_pair(&key, &value);
        }
    }
    kept.finish()
}

fn without_typed_values(location: &str) -> Option<String> {
    let left_over = |key: &str| key == TYPED_QUERY_KEY || key == SEAL_KEY;
    if !query_pairs(location).any(|(key, _)| left_over(&key)) {
        return None;
    }
    let (path, rest) = location.split_once('?')?;
    let fragment = rest.split_once('#').map(|(_, f)| format!("#{f}"));
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in query_pairs(location).filter(|(key, _)| !left_over(key)) {
        query.append_pair(&key, &value);
    }
    let query = query.finish();
    let separator = if query.is_empty() { "" } else { "?" };
    Some(format!(
        "{path}{separator}{query}{}",
        fragment.unwrap_or_default()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_carries_the_typed_fields_back_but_never_a_password() {
        let location = "/sign-in?next=%2Fhome&__path=%2Fapi%2Fsign_in&__err=abc";
        let body = b"email=ada%40example.com&password=hunter22hunter&next=%2Fhome";
        let rewritten = with_typed_values(location, "sign_in", body);
        let pairs: Vec<(String, String)> = query_pairs(&rewritten).collect();
        let typed = &pairs.iter().find(|(k, _)| k == TYPED_QUERY_KEY).unwrap().1;
        assert_eq!(typed, "email=ada%40example.com&next=%2Fhome");
        assert!(!rewritten.contains("hunter22"));
        assert!(pairs.iter().any(|(k, v)| k == "__err" && v == "abc"));
        assert!(rewritten.ends_with("#form-sign_in"));
    }

    #[test]
    fn only_the_latest_refusal_stays_in_the_address() {
        let location =
            "/x?__path=%2Fapi%2Fa&__err=old&__typed=name%3Dold&__path=%2Fapi%2Fa&__err=new";
        let rewritten = with_typed_values(location, "a", b"name=new");
        let pairs: Vec<(String, String)> = query_pairs(&rewritten).collect();
        let errors: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| k == "__err")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(errors, ["new"]);
        let typed: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| k == TYPED_QUERY_KEY)
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(typed, ["name=new"]);
    }

    #[test]
    fn a_form_too_long_for_an_address_comes_back_without_its_values() {
        let body = format!("emails={}", "a".repeat(MAX_TYPED_BYTES + 1));
        let rewritten = with_typed_values("/x?__err=e", "invite_users", body.as_bytes());
        assert!(!rewritten.contains(TYPED_QUERY_KEY));
        assert!(rewritten.ends_with("#form-invite_users"));
    }

    #[test]
    fn an_answer_that_is_not_a_refusal_drops_typed_values_left_in_the_address() {
        let location = format!("/accounts/1?page=2&{TYPED_QUERY_KEY}=name%3Dx#invite-results");
        assert_eq!(
            without_typed_values(&location).as_deref(),
            Some("/accounts/1?page=2#invite-results")
        );
        assert_eq!(without_typed_values("/accounts/1?page=2"), None);
    }
}
