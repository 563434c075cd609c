//! Every endpoint of the provider, given malformed or hostile parameters, answers the client's
//! mistake with a 4xx (or a redirect to Roster's own page), never a 5xx, and never sends the
//! browser to an address nobody registered.

use super::*;

#[tokio::test]
async fn malformed_parameters_get_a_clients_error_at_every_endpoint() {
    let provider = Provider::start().await;
    let (_, owner) = provider.server.account("Malformed Co").await;
    let hostile = [
        "",
        "%",
        "%00",
        "a&a",
        "\u{202e}",
        "<script>alert(1)</script>",
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
        "eyJhbGciOiJFUzI1NiIsImtpZCI6Im5vcGUifQ.e30.AAAA",
    ];
    let long = "x".repeat(5000);
    let mut values: Vec<String> = hostile.iter().map(|value| value.to_string()).collect();
    values.push(long);
    let names = [
        "response_type",
        "client_id",
        "redirect_uri",
        "scope",
        "state",
        "nonce",
        "code_challenge",
        "code_challenge_method",
        "prompt",
        "max_age",
        "account_id",
        "organization",
        "login_after",
        "grant_type",
        "code",
        "code_verifier",
        "refresh_token",
        "token",
        "client_secret",
        "id_token_hint",
        "post_logout_redirect_uri",
        "decision",
        "chosen_account",
        "access_token",
    ];
    for name in names {
        for value in &values {
            let encoded: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
            let base = Provider::authorize_query("app", &[]);
            for (method, path, body) in [
                (
                    "GET",
                    format!("/oauth/authorize?{base}&{name}={encoded}"),
                    String::new(),
                ),
                (
                    "POST",
                    "/oauth/authorize".to_owned(),
                    format!("{base}&{name}={encoded}&decision=allow"),
                ),
                (
                    "POST",
                    "/oauth/token".to_owned(),
                    format!("grant_type=authorization_code&{name}={encoded}"),
                ),
                (
                    "POST",
                    "/oauth/introspect".to_owned(),
                    format!("{name}={encoded}"),
                ),
                (
                    "POST",
                    "/oauth/revoke".to_owned(),
                    format!("{name}={encoded}"),
                ),
                (
                    "POST",
                    "/oauth/userinfo".to_owned(),
                    format!("{name}={encoded}"),
                ),
                (
                    "GET",
                    format!("/oauth/logout?{name}={encoded}"),
                    String::new(),
                ),
                (
                    "GET",
                    format!("/oauth/decide?{base}&{name}={encoded}"),
                    String::new(),
                ),
            ] {
                let url = format!("{}{path}", provider.server.base_url);
                let request = match method {
                    "GET" => owner.client.client.get(&url),
                    _ => owner
                        .client
                        .client
                        .post(&url)
                        .headers(crate::support::same_origin_headers(
                            &provider.server.base_url,
                        ))
                        .basic_auth("app", Some(&provider.secret))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(body),
                };
                let answer = request.send().await.unwrap();
                let status = answer.status();
                assert!(
                    !status.is_server_error(),
                    "{method} {path} with {name}: {status}"
                );
                if status.is_redirection() {
                    let to = location(&answer);
                    assert!(
                        to.starts_with('/') || to.starts_with(REDIRECT),
                        "{method} {path} with {name} sent the browser to {to}"
                    );
                }
            }
        }
    }
}
