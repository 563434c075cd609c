//! Webhooks against a real HTTP listener on loopback: an endpoint added on the page hears of a
//! change made through the API, signed with the secret the page showed once; a failing answer
//! is retried; each event reaches each endpoint exactly once; "Deliver again" sends it anew.

use crate::keys::{api, create_key};
use crate::support::{ApiClient, TestServer};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What a listener received: each request's headers and body.
#[derive(Clone, Default)]
pub(crate) struct Received {
    requests: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    /// Statuses to answer in turn before answering 200.
    failures: Arc<Mutex<Vec<u16>>>,
}

impl Received {
    pub(crate) fn all(&self) -> Vec<(HeaderMap, String)> {
        self.requests.lock().unwrap().clone()
    }

    pub(crate) async fn wait_for(&self, count: usize) -> Vec<(HeaderMap, String)> {
        for _ in 0..200 {
            if self.all().len() >= count {
                return self.all();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {count} deliveries, got {}", self.all().len());
    }
}

async fn receive(State(received): State<Received>, headers: HeaderMap, body: String) -> AxumStatus {
    received.requests.lock().unwrap().push((headers, body));
    let failure = received.failures.lock().unwrap().pop();
    failure.map_or(AxumStatus::OK, |status| {
        AxumStatus::from_u16(status).unwrap()
    })
}

/// A listener on a free loopback port; its URL and what it receives.
pub(crate) async fn listener(failures: Vec<u16>) -> (String, Received) {
    let received = Received {
        failures: Arc::new(Mutex::new(failures)),
        ..Received::default()
    };
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/roster-events", socket.local_addr().unwrap());
    let app = axum::Router::new()
        .route("/roster-events", axum::routing::post(receive))
        .with_state(received.clone());
    tokio::spawn(async move { axum::serve(socket, app).await });
    (url, received)
}

pub(crate) async fn webhook_server() -> TestServer {
    TestServer::start_with(|config| {
        config.allow_private_webhooks = true;
        config.webhook_retry_secs = 1;
        config.webhook_poll_ms = 100;
    })
    .await
}

/// Adds an endpoint through the page's form; its signing secret, read from the page after.
pub(crate) async fn add_endpoint(
    owner: &ApiClient,
    account: &str,
    url: &str,
    events: &[&str],
) -> String {
    let mut form = vec![("account_id", account), ("url", url)];
    form.extend(events.iter().map(|event| ("events[]", *event)));
    let added = owner.call("add_webhook", &form).await;
    assert_eq!(
        added.status(),
        StatusCode::OK,
        "{}",
        added.text().await.unwrap()
    );
    let view: Value = owner
        .call("webhooks", &[("account_id", account)])
        .await
        .json()
        .await
        .unwrap();
    view["new_secret"]["secret"]
        .as_str()
        .expect("the secret, once")
        .to_owned()
}

async fn deliveries(owner: &ApiClient, account: &str) -> Value {
    let view: Value = owner
        .call("webhooks", &[("account_id", account)])
        .await
        .json()
        .await
        .unwrap();
    assert!(
        view["new_secret"].is_null(),
        "the secret is shown only once"
    );
    view["endpoints"][0]["deliveries"].clone()
}

#[tokio::test]
async fn an_invitation_made_with_a_key_reaches_the_endpoint_signed_and_a_failure_is_retried() {
    let server = webhook_server().await;
    let (account, owner) = server.account("Hooked Co").await;
    let (url, received) = listener(vec![500]).await;
    let secret = add_endpoint(&owner.client, &account, &url, &["invitation.created"]).await;
    assert!(secret.starts_with("whsec_"));
    let key = create_key(&owner.client, &account, &["write:invites"]).await;
    let invitee = crate::support::unique_email();
    let (status, _) = api(
        &server,
        &key,
        "POST",
        &format!("/accounts/{account}/invitations"),
        Some(json!({ "emails": [invitee] })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // The first answer is a 500: the same event comes again a second later, and is accepted.
    let requests = received.wait_for(2).await;
    for (headers, body) in &requests {
        let signature = headers["roster-signature"].to_str().unwrap();
        assert!(
            app::webhooks::signature::verify(&secret, signature, body.as_bytes()).is_some(),
            "{signature}"
        );
        assert_eq!(headers["roster-event"], "invitation.created");
        assert_eq!(headers["content-type"], "application/json");
    }
    assert_eq!(requests[0].1, requests[1].1, "a retry sends the same event");
    let event: Value = serde_json::from_str(&requests[0].1).unwrap();
    assert_eq!(event["type"], "invitation.created");
    assert_eq!(event["account_id"], json!(account));
    assert_eq!(event["actor"]["kind"], "api_key");
    assert_eq!(event["actor"]["name"], "ci-bot");
    assert_eq!(event["data"]["target"]["name"], json!(invitee));
    assert_eq!(
        requests[0].0["roster-event-id"].to_str().unwrap(),
        event["id"].as_str().unwrap()
    );

    // Delivered: nothing more comes, and the log says so.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(received.all().len(), 2);
    let log = deliveries(&owner.client, &account).await;
    assert_eq!(log.as_array().unwrap().len(), 1, "{log}");
    assert_eq!(log[0]["state"], "Delivered");
    assert_eq!(log[0]["last_status"], 200);
    assert_eq!(log[0]["attempts"], 2);
}

#[tokio::test]
async fn each_event_reaches_each_listening_endpoint_exactly_once() {
    let server = webhook_server().await;
    let (account, owner) = server.account("Twice Hooked Co").await;
    let (first_url, first) = listener(vec![]).await;
    let (second_url, second) = listener(vec![]).await;
    let (deaf_url, deaf) = listener(vec![]).await;
    add_endpoint(
        &owner.client,
        &account,
        &first_url,
        &["role.created", "role.deleted"],
    )
    .await;
    add_endpoint(&owner.client, &account, &second_url, &["role.created"]).await;
    add_endpoint(&owner.client, &account, &deaf_url, &["member.removed"]).await;
    let key = create_key(&owner.client, &account, &["write:roles"]).await;
    for name in ["Billing", "Support", "Ops"] {
        let (status, _) = api(
            &server,
            &key,
            "POST",
            &format!("/accounts/{account}/roles"),
            Some(json!({ "name": name, "permissions": [] })),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let at_first = first.wait_for(3).await;
    let at_second = second.wait_for(3).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    for requests in [first.all(), second.all()] {
        let mut ids: Vec<String> = requests
            .iter()
            .map(|(headers, _)| headers["roster-event-id"].to_str().unwrap().to_owned())
            .collect();
        assert_eq!(ids.len(), 3);
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 3, "no event twice");
    }
    let ids = |requests: &[(HeaderMap, String)]| {
        let mut ids: Vec<String> = requests
            .iter()
            .map(|(headers, _)| headers["roster-event-id"].to_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        ids(&at_first),
        ids(&at_second),
        "every endpoint hears the same events"
    );
    assert!(deaf.all().is_empty(), "an endpoint hears only its events");
}

#[tokio::test]
async fn deliver_again_sends_the_same_event_once_more() {
    let server = webhook_server().await;
    let (account, owner) = server.account("Again Co").await;
    let (url, received) = listener(vec![]).await;
    add_endpoint(&owner.client, &account, &url, &["role.created"]).await;
    server.custom_role(&account, "Unused", &[]).await;
    let key = create_key(&owner.client, &account, &["write:roles"]).await;
    api(
        &server,
        &key,
        "POST",
        &format!("/accounts/{account}/roles"),
        Some(json!({ "name": "Heard", "permissions": [] })),
    )
    .await;
    received.wait_for(1).await;
    let log = deliveries(&owner.client, &account).await;
    let delivery = log[0]["id"].to_string();
    let again = owner
        .client
        .call(
            "redeliver_webhook",
            &[("account_id", &account), ("delivery_id", &delivery)],
        )
        .await;
    assert_eq!(again.status(), StatusCode::OK);
    let requests = received.wait_for(2).await;
    assert_eq!(requests[0].1, requests[1].1);
    let log = deliveries(&owner.client, &account).await;
    assert_eq!(log.as_array().unwrap().len(), 2);
    assert_eq!(log[0]["redelivery"], true);
}

/// Queues a role.created event for the account's endpoints and presses "Deliver again" twice
/// on its first delivery.
async fn deliver_one_event_three_times(owner: &ApiClient, account: &str, received: &Received) {
    let name = format!("Heard {}", uuid::Uuid::new_v4().simple());
    let created = owner
        .call("create_role", &[("account_id", account), ("name", &name)])
        .await;
    assert_eq!(created.status(), StatusCode::OK);
    let log = loop {
        let log = deliveries(owner, account).await;
        if !log.as_array().unwrap().is_empty() {
            break log;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let delivery = log[0]["id"].to_string();
    for sent in 2..4 {
        let again = owner
            .call(
                "redeliver_webhook",
                &[("account_id", account), ("delivery_id", &delivery)],
            )
            .await;
        assert_eq!(again.status(), StatusCode::OK);
        received.wait_for(sent).await;
    }
}

#[tokio::test]
async fn an_endpoint_whose_event_was_delivered_again_twice_can_be_removed_and_its_account_deleted()
{
    let server = webhook_server().await;
    let (account, owner) = server.account("Redelivered Co").await;
    let (url, received) = listener(vec![]).await;
    add_endpoint(&owner.client, &account, &url, &["role.created"]).await;
    deliver_one_event_three_times(&owner.client, &account, &received).await;
    let endpoint: String =
        app::db::query_scalar("SELECT id FROM webhook_endpoints WHERE account_id = $1")
            .bind(&account)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    let removed = owner
        .client
        .call(
            "remove_webhook",
            &[
                ("account_id", &account),
                ("endpoint_id", &endpoint),
                ("confirm", "remove"),
            ],
        )
        .await;
    assert_eq!(
        removed.status(),
        StatusCode::OK,
        "{}",
        removed.text().await.unwrap()
    );
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM webhook_endpoints WHERE id = $1",
                &endpoint
            )
            .await,
        0
    );

    let (url, received) = listener(vec![]).await;
    add_endpoint(&owner.client, &account, &url, &["role.created"]).await;
    deliver_one_event_three_times(&owner.client, &account, &received).await;
    let deleted = owner
        .client
        .call(
            "delete_account",
            &[("account_id", &account), ("confirm_name", "Redelivered Co")],
        )
        .await;
    assert_eq!(
        deleted.status(),
        StatusCode::OK,
        "{}",
        deleted.text().await.unwrap()
    );
    assert_eq!(
        server
            .count("SELECT count(*) FROM accounts WHERE id = $1", &account)
            .await,
        0
    );
}

#[tokio::test]
async fn private_addresses_and_unknown_events_are_refused_with_field_errors() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Careful Co").await;
    for (url, event, field) in [
        ("http://127.0.0.1:9/hook", "member.added", "url"),
        ("http://10.0.0.1/hook", "member.added", "url"),
        ("http://[::1]/hook", "member.added", "url"),
        ("ftp://example.com/hook", "member.added", "url"),
        ("https://example.com/hook", "member.signed_in", "events"),
    ] {
        let refused = owner
            .client
            .call(
                "add_webhook",
                &[("account_id", &account), ("url", url), ("events[]", event)],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        let problem: Value = refused.json().await.unwrap();
        assert!(problem.to_string().contains(field), "{url}: {problem}");
    }
    let count: i64 = app::db::query_scalar("SELECT count(*) FROM webhook_endpoints")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn an_invitation_left_past_its_expiry_is_announced_as_expired_by_the_sweep() {
    let server = webhook_server().await;
    let (account, owner) = server.account("Expiring Co").await;
    let (url, received) = listener(vec![]).await;
    add_endpoint(&owner.client, &account, &url, &["invitation.expired"]).await;
    let invitee = crate::support::unique_email();
    let invited = owner
        .client
        .call(
            "invite_users",
            &[("account_id", &account), ("emails", &invitee)],
        )
        .await;
    assert_eq!(invited.status(), StatusCode::OK);
    app::db::query(
        "UPDATE invitations SET expires_at = '2026-01-01T00:00:00.000Z' WHERE email = $1",
    )
    .bind(&invitee)
    .execute(&server.pool)
    .await
    .unwrap();

    let mut tx = app::server::begin_write(&server.state.writer)
        .await
        .unwrap();
    let now = app::server::now_rfc3339();
    let swept = app::invitations::rules::expire_overdue(&mut tx, None, &now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(swept, 1);

    let requests = received.wait_for(1).await;
    let event: Value = serde_json::from_str(&requests[0].1).unwrap();
    assert_eq!(event["type"], "invitation.expired");
    assert_eq!(event["actor"], Value::Null);
    assert_eq!(event["data"]["target"]["name"], json!(invitee));
    let status: String = app::db::query_scalar("SELECT status FROM invitations WHERE email = $1")
        .bind(&invitee)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(status, "expired");
}

#[tokio::test]
async fn deliver_again_waits_for_the_last_one_and_stops_after_five() {
    let server = webhook_server().await;
    let (account, owner) = server.account("Patient Co").await;
    let (url, received) = listener(vec![]).await;
    add_endpoint(&owner.client, &account, &url, &["role.created"]).await;
    let created = owner
        .client
        .call(
            "create_role",
            &[("account_id", &account), ("name", "Announced")],
        )
        .await;
    assert_eq!(created.status(), StatusCode::OK);
    received.wait_for(1).await;
    let delivery = deliveries(&owner.client, &account).await[0]["id"].to_string();
    let pairs = [
        ("account_id", account.as_str()),
        ("delivery_id", delivery.as_str()),
    ];
    let press = || owner.client.call("redeliver_webhook", &pairs);
    // Pressed twice at once: the second waits for the first.
    let (first, second) = tokio::join!(press(), press());
    let statuses = [first.status(), second.status()];
    assert!(statuses.contains(&StatusCode::OK), "{statuses:?}");
    assert!(statuses.contains(&StatusCode::CONFLICT), "{statuses:?}");
    received.wait_for(2).await;
    for sent in 3..=6 {
        assert_eq!(press().await.status(), StatusCode::OK);
        received.wait_for(sent).await;
    }
    let refused = press().await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("5 times"));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(received.all().len(), 6);
}

/// A listener that takes every request and never answers.
async fn silent_listener() -> String {
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/roster-events", socket.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((connection, _)) = socket.accept().await {
            held.push(connection);
        }
    });
    url
}

#[tokio::test]
async fn endpoints_that_never_answer_do_not_hold_up_another_accounts_events() {
    let server = TestServer::start_with(|config| {
        config.allow_private_webhooks = true;
        config.webhook_timeout_secs = 30;
        config.webhook_poll_ms = 100;
    })
    .await;
    let (slow_account, slow_owner) = server.account("Slow Co").await;
    for _ in 0..5 {
        let url = silent_listener().await;
        add_endpoint(&slow_owner.client, &slow_account, &url, &["role.created"]).await;
    }
    let (account, owner) = server.account("Prompt Co").await;
    let (url, received) = listener(vec![]).await;
    add_endpoint(&owner.client, &account, &url, &["role.created"]).await;

    for name in ["Stuck one", "Stuck two"] {
        let created = slow_owner
            .client
            .call(
                "create_role",
                &[("account_id", &slow_account), ("name", name)],
            )
            .await;
        assert_eq!(created.status(), StatusCode::OK);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = std::time::Instant::now();
    let created = owner
        .client
        .call(
            "create_role",
            &[("account_id", &account), ("name", "Heard promptly")],
        )
        .await;
    assert_eq!(created.status(), StatusCode::OK);
    received.wait_for(1).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "delivered after {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_endpoint_hears_only_what_its_maker_may_read_and_nothing_once_they_leave() {
    let server = webhook_server().await;
    let (account, owner) = server.account("Nosy Co").await;
    let hooker = server
        .member_with(
            &account,
            &[
                app::permissions::Permission::WriteWebhooks,
                app::permissions::Permission::ReadRoles,
            ],
        )
        .await;
    let (url, received) = listener(vec![]).await;
    let refused = hooker
        .client
        .call(
            "add_webhook",
            &[
                ("account_id", account.as_str()),
                ("url", url.as_str()),
                ("events[]", "invitation.created"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("read:invites"));
    add_endpoint(&hooker.client, &account, &url, &["role.created"]).await;

    server.remove_member(&owner, &account, &hooker).await;
    let created = owner
        .client
        .call(
            "create_role",
            &[("account_id", &account), ("name", "Secret plan")],
        )
        .await;
    assert_eq!(created.status(), StatusCode::OK);
    let log = loop {
        let log = deliveries(&owner.client, &account).await;
        if log[0]["last_error"].is_string() {
            break log;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(
        log[0]["last_error"]
            .as_str()
            .unwrap()
            .contains("no longer in the account"),
        "{log}"
    );
    assert_eq!(log[0]["state"], "Abandoned", "{log}");
    assert!(
        received.all().is_empty(),
        "a removed member's endpoint heard nothing"
    );
}

#[tokio::test]
async fn an_endpoint_that_keeps_failing_is_paused_its_maker_told_and_resuming_sends_what_waited() {
    let server = TestServer::start_with(|config| {
        config.allow_private_webhooks = true;
        config.webhook_retry_secs = 1;
        config.webhook_poll_ms = 100;
        config.webhook_pause_after = 3;
    })
    .await;
    let (account, owner) = server.account("Flaky Co").await;
    let (url, received) = listener(vec![500, 500, 500]).await;
    add_endpoint(&owner.client, &account, &url, &["role.created"]).await;
    let create = |name: &'static str| {
        let client = owner.client.clone();
        let account = account.clone();
        async move {
            client
                .call(
                    "create_role",
                    &[("account_id", account.as_str()), ("name", name)],
                )
                .await
        }
    };
    assert_eq!(create("First try").await.status(), StatusCode::OK);
    received.wait_for(3).await;
    let view = loop {
        let view: Value = owner
            .client
            .call("webhooks", &[("account_id", account.as_str())])
            .await
            .json()
            .await
            .unwrap();
        if !view["endpoints"][0]["paused"].is_null() {
            break view;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(
        view["endpoints"][0]["paused"][1]
            .as_str()
            .unwrap()
            .contains("3 deliveries in a row failed"),
        "{view}"
    );
    let notice = server.wait_for_mail(&owner.email, 2).await;
    assert!(notice.raw.contains("Roster paused a webhook endpoint"));

    // While paused, events wait: none goes out.
    assert_eq!(create("While paused").await.status(), StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(received.all().len(), 3);

    let endpoint = view["endpoints"][0]["id"].as_str().unwrap().to_owned();
    let resumed = owner
        .client
        .call(
            "resume_webhook",
            &[
                ("account_id", account.as_str()),
                ("endpoint_id", endpoint.as_str()),
            ],
        )
        .await;
    assert_eq!(resumed.status(), StatusCode::OK);
    let requests = received.wait_for(5).await;
    let bodies: Vec<&str> = requests.iter().map(|(_, body)| body.as_str()).collect();
    assert!(bodies.iter().any(|body| body.contains("While paused")));
    assert!(bodies.iter().any(|body| body.contains("First try")));
}
