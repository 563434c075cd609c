//! Every request's work is bounded before it starts: body size, body and header deadlines,
//! content type, and the invite list's length.

use crate::support::{TestServer, same_origin_headers};
use reqwest::StatusCode;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn a_body_over_the_cap_is_refused_with_413_before_it_is_read() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Big Bodies").await;
    let emails: String = (0..128_000).map(|n| format!("p{n}@x.org,")).collect();
    assert!(emails.len() > 800_000);
    let started = Instant::now();
    let response = owner
        .client
        .call(
            "invite_users",
            &[("account_id", &account), ("emails", &emails)],
        )
        .await;
    let took = started.elapsed();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response.text().await.unwrap().contains("too large"));
    eprintln!("128,000-entry invite answered in {took:?}");
    let invitations = server
        .count(
            "SELECT count(*) FROM invitations WHERE account_id = ?",
            &account,
        )
        .await;
    assert_eq!(invitations, 0);
}

#[tokio::test]
async fn an_invite_list_longer_than_a_hundred_addresses_can_be_is_refused_before_parsing() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Long Lists").await;
    // Under the body cap, but more text than 100 addresses of the longest kind.
    let emails = "a@b.org ".repeat(4_000);
    let response = owner
        .client
        .call(
            "invite_users",
            &[("account_id", &account), ("emails", &emails)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(
        body["Validation"][0]["message"]
            .as_str()
            .unwrap()
            .contains("too much text"),
        "{body}"
    );
}

#[tokio::test]
async fn a_body_that_is_not_a_form_is_refused_with_415() {
    let server = TestServer::start().await;
    let client = server.client();
    let response = client
        .client
        .post(format!("{}/api/sign_in", server.base_url))
        .headers(same_origin_headers(&server.base_url))
        .header("content-type", "application/json")
        .body(r#"{"email":"a@b.org","password":"x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn a_body_sent_too_slowly_is_cut_off_with_408() {
    let server = TestServer::start_with(|config| config.request_read_timeout_secs = 1).await;
    let address = server.base_url.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /api/sign_in HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail="
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 1024];
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer))
        .await
        .expect("the server answers within its deadline")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}
