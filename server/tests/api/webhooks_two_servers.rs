//! Two servers' webhook workers on one database, with endpoints slower than a lease would allow
//! a whole batch: each event still reaches each endpoint exactly once.

use crate::support::TestServer;
use axum::extract::{Path, State};
use reqwest::StatusCode;
use serde_json::Value;
use server::mail::Backoff;
use server::webhook_delivery::WebhookWorker;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Every delivery heard: the endpoint's number and the event id.
type Heard = Arc<Mutex<Vec<(u32, String)>>>;

async fn slow_receive(State(heard): State<Heard>, Path(endpoint): Path<u32>, body: String) {
    tokio::time::sleep(Duration::from_millis(250)).await;
    let event: Value = serde_json::from_str(&body).unwrap();
    let id = event["id"].as_str().unwrap().to_owned();
    heard.lock().unwrap().push((endpoint, id));
}

/// A worker as a server runs it, on its own pool, with a lease far shorter than the deliveries
/// waiting in the queue take together.
async fn worker(database_url: &str) -> WebhookWorker {
    WebhookWorker {
        pool: server::database::open(database_url, 4)
            .await
            .unwrap()
            .writer,
        allow_private: true,
        timeout: Duration::from_millis(600),
        backoff: Backoff {
            first: Duration::from_secs(60),
            max: Duration::from_secs(60),
            max_attempts: 3,
        },
        poll: Duration::from_millis(30),
        lease: Duration::from_millis(700),
        concurrency: 2,
        pause_after: 10,
        public_url: "http://127.0.0.1".to_owned(),
        mail_wakeup: Default::default(),
        failures: Default::default(),
    }
}

#[tokio::test]
async fn with_two_servers_and_slow_endpoints_each_event_reaches_each_endpoint_once() {
    // The test server's own worker looks only every ten minutes: the two below do the work.
    let server = TestServer::start_with(|config| {
        config.allow_private_webhooks = true;
        config.webhook_poll_ms = 600_000;
    })
    .await;
    let (account, owner) = server.account("Two Workers Co").await;
    let heard = Heard::default();
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", socket.local_addr().unwrap());
    let app = axum::Router::new()
        .route("/hook/{endpoint}", axum::routing::post(slow_receive))
        .with_state(heard.clone());
    tokio::spawn(async move { axum::serve(socket, app).await });
    for endpoint in 0..4 {
        let url = format!("{base}/hook/{endpoint}");
        let added = owner
            .client
            .call(
                "add_webhook",
                &[
                    ("account_id", account.as_str()),
                    ("url", &url),
                    ("events[]", "invitation.created"),
                ],
            )
            .await;
        assert_eq!(added.status(), StatusCode::OK);
    }
    for _ in 0..4 {
        let invited = owner
            .client
            .call(
                "invite_users",
                &[
                    ("account_id", account.as_str()),
                    ("emails", &crate::support::unique_email()),
                ],
            )
            .await;
        assert_eq!(invited.status(), StatusCode::OK);
    }

    // 16 deliveries of 250 ms, four at a time: about a second, where a lease is 700 ms.
    let first = worker(&server.database_url).await.spawn();
    let second = worker(&server.database_url).await.spawn();
    let mut waited = Duration::ZERO;
    while heard.lock().unwrap().len() < 16 && waited < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
    // Long enough for any delivery taken twice to arrive a second time.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    first.abort();
    second.abort();
    let mut heard = heard.lock().unwrap().clone();
    let total = heard.len();
    heard.sort();
    heard.dedup();
    assert_eq!(heard.len(), 16, "every event reached every endpoint");
    assert_eq!(total, 16, "none went twice");
}
