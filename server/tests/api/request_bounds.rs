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
    // The body was never read, so the connection ends here, and the answer says so.
    assert_eq!(response.headers()["connection"], "close");
    assert!(response.text().await.unwrap().contains("too large"));
    eprintln!("128,000-entry invite answered in {took:?}");
    let invitations = server
        .count(
            "SELECT count(*) FROM invitations WHERE account_id = $1",
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

/// Reads until the server answers or closes; `None` when it did neither within `limit`.
async fn answer_or_close(stream: &mut tokio::net::TcpStream, limit: Duration) -> Option<String> {
    let mut answer = vec![0u8; 1024];
    match tokio::time::timeout(limit, stream.read(&mut answer)).await {
        Ok(Ok(read)) => Some(String::from_utf8_lossy(&answer[..read]).into_owned()),
        Ok(Err(_)) => Some(String::new()),
        Err(_) => None,
    }
}

async fn half_sent_request(address: &str) -> tokio::net::TcpStream {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!("GET /sign-in HTTP/1.1\r\nHost: {address}\r\nAccept: text/");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
}

#[tokio::test]
async fn a_connection_that_never_finishes_its_headers_is_closed_after_the_read_timeout() {
    let server = TestServer::start_with(|config| config.request_read_timeout_secs = 1).await;
    let address = server.base_url.trim_start_matches("http://").to_owned();
    let mut stream = half_sent_request(&address).await;
    let answer = answer_or_close(&mut stream, Duration::from_secs(10))
        .await
        .expect("the server gives up on the half-sent headers within 10 s");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
}

#[tokio::test]
async fn at_the_connection_cap_a_new_client_waits_and_is_served_once_a_slot_frees() {
    let server = TestServer::start_with(|config| {
        config.max_connections = 2;
        config.request_read_timeout_secs = 2;
    })
    .await;
    let address = server.base_url.trim_start_matches("http://").to_owned();
    let _first = half_sent_request(&address).await;
    let _second = half_sent_request(&address).await;
    // Give the server a moment to take both connections (and both slots).
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let mut third = tokio::net::TcpStream::connect(&address).await.unwrap();
    third
        .write_all(
            format!("GET /sign-in HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .await
        .unwrap();
    let answer = answer_or_close(&mut third, Duration::from_secs(15))
        .await
        .expect("the third client is served once the half-sent ones time out");
    let waited = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 "), "{answer}");
    assert!(
        waited >= Duration::from_millis(1_000),
        "the third client was served at once ({waited:?}): the cap did not hold"
    );
}
