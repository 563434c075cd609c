//! A request the server-function framework cannot decode is the client's mistake: 400.

use crate::support::{TestServer, same_origin_headers};
use reqwest::StatusCode;

#[tokio::test]
async fn a_request_the_framework_cannot_decode_gets_400_with_the_error_named() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Decoding").await;
    let response = owner
        .client
        .call("members_page", &[("account_id", &account), ("page", "abc")])
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body, serde_json::json!("BadRequest"));
}

/// Bodies a careless or hostile client sends, each with what makes it malformed.
fn malformed_bodies(account: &str) -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let form = "application/x-www-form-urlencoded";
    vec![
        ("an empty body", form, Vec::new()),
        (
            "only the account",
            form,
            format!("account_id={account}").into_bytes(),
        ),
        (
            "every field twice",
            form,
            format!("account_id={account}&account_id={account}&name=a&name=b&role_id=x&role_id=y")
                .into_bytes(),
        ),
        (
            "indexed keys",
            form,
            format!("account_id={account}&roles[0]=a&x[0]=1&x[1][y]=2").into_bytes(),
        ),
        (
            "a page that is no number",
            form,
            format!("account_id={account}&page=abc&page_size=-1").into_bytes(),
        ),
        (
            "broken percent escapes",
            form,
            b"account_id=%zz&name=%&emails=%E0%A4%A".to_vec(),
        ),
        (
            "bytes that are not UTF-8",
            form,
            b"account_id=\xff\xfe&name=\xc3\x28".to_vec(),
        ),
        ("no equals signs", form, b"&&&=&==&account_id".to_vec()),
        (
            "a JSON body",
            "application/json",
            format!("{{\"account_id\":\"{account}\"}}").into_bytes(),
        ),
        (
            "a multipart body",
            "multipart/form-data; boundary=x",
            b"--x\r\nContent-Disposition: form-data; name=\"account_id\"\r\n\r\nx\r\n--x--\r\n"
                .to_vec(),
        ),
        (
            "a body over the cap",
            form,
            format!("account_id={account}&name={}", "a".repeat(100_000)).into_bytes(),
        ),
    ]
}

#[tokio::test]
async fn no_malformed_request_to_any_server_function_gets_a_500() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Fuzzed").await;
    let mut paths: Vec<(String, String)> = server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_owned(), method.to_string()))
        .collect();
    // Signing out last keeps the owner signed in for every other function.
    paths.sort_by_key(|(path, _)| path.ends_with("/sign_out"));
    let mut answered = 0;
    let mut outcomes: std::collections::BTreeMap<u16, usize> = Default::default();
    let mut failures = Vec::new();
    for (path, method) in &paths {
        for (what, content_type, body) in malformed_bodies(&account) {
            let url = format!("{}{path}", server.base_url);
            // A query string that long is refused by the client itself; the body cases cover it.
            if method == "GET" && body.len() > 8 * 1024 {
                continue;
            }
            let request = if method == "GET" {
                let query = String::from_utf8_lossy(&body).into_owned();
                owner.client.client.get(format!("{url}?{query}"))
            } else {
                owner
                    .client
                    .client
                    .post(url)
                    .headers(same_origin_headers(&server.base_url))
                    .header("content-type", content_type)
                    .body(body)
            };
            let Ok(response) = request.send().await else {
                failures.push(format!("{method} {path} with {what}: no answer"));
                continue;
            };
            answered += 1;
            *outcomes.entry(response.status().as_u16()).or_default() += 1;
            if response.status().is_server_error() {
                let status = response.status();
                let text = response.text().await.unwrap_or_default();
                failures.push(format!("{method} {path} with {what}: {status} {text}"));
            }
        }
    }
    eprintln!(
        "{answered} malformed requests over {} server functions",
        paths.len()
    );
    assert!(paths.len() >= 30, "the router lists every server function");
    assert!(
        failures.is_empty(),
        "{} of {answered} got a 5xx:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
