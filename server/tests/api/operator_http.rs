//! What a load balancer and an operator's Prometheus see: /healthz, /readyz and /metrics.

use crate::support::{PASSWORD, TestServer};
use reqwest::StatusCode;

const TOKEN: &str = "scrape-token-for-tests";

async fn metrics_text(server: &TestServer) -> String {
    let response = server
        .client()
        .client
        .get(format!("{}/metrics", server.base_url))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text"),
    );
    response.text().await.unwrap()
}

/// The value of the sample whose line starts with `series` (name and labels as written).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
}

#[tokio::test]
async fn healthz_answers_and_readyz_says_ready_once_every_migration_is_applied() {
    let server = TestServer::start().await;
    let client = server.client();
    let health = client.get("/healthz").await;
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(health.text().await.unwrap(), "ok\n");
    let ready = client.get("/readyz").await;
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(ready.text().await.unwrap(), "ready\n");

    // A database whose schema lags the binary's is not ready to serve it.
    app::db::query(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT max(version) FROM _sqlx_migrations)",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    let lagging = client.get("/readyz").await;
    assert_eq!(lagging.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        lagging.text().await.unwrap(),
        "not ready: 1 migrations not applied\n"
    );
    assert_eq!(client.get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn metrics_are_off_without_a_token_and_refused_without_the_right_one() {
    let off = TestServer::start().await;
    assert_eq!(
        off.client().get("/metrics").await.status(),
        StatusCode::NOT_FOUND
    );

    let on = TestServer::start_with(|config| config.metrics_token = Some(TOKEN.into())).await;
    let client = on.client();
    let anonymous = client.get("/metrics").await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.headers()["www-authenticate"], "Bearer");
    let wrong = client
        .client
        .get(format!("{}/metrics", on.base_url))
        .bearer_auth("scrape-token-for-test")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(!wrong.text().await.unwrap().contains("roster_"));
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_the_mail_queue_and_throttled_sign_ins() {
    let server = TestServer::start_with(|config| {
        config.metrics_token = Some(TOKEN.into());
        config.sign_in_attempts_per_address = 2;
    })
    .await;
    let owner = server.client();
    let email = owner.sign_up_fresh_user().await;
    let account = owner
        .call("create_account", &[("name", "Metered")])
        .await
        .text()
        .await
        .unwrap()
        .trim_matches('"')
        .to_owned();
    assert_eq!(
        owner.get(&format!("/accounts/{account}")).await.status(),
        StatusCode::OK
    );

    let guesser = server.client();
    for _ in 0..3 {
        guesser
            .call(
                "sign_in",
                &[("email", &email), ("password", "wrong password")],
            )
            .await;
    }
    let refused = guesser
        .call("sign_in", &[("email", &email), ("password", PASSWORD)])
        .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);

    let text = metrics_text(&server).await;
    assert_eq!(
        sample(
            &text,
            r#"roster_http_requests_total{route="/api/sign_in",method="POST",status="401"}"#
        ),
        Some(2.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            r#"roster_http_requests_total{route="/api/sign_in",method="POST",status="429"}"#
        ),
        Some(2.0),
        "{text}"
    );
    // Pages are counted by their pattern: no account id becomes a label.
    assert!(
        text.contains(
            r#"roster_http_requests_total{route="/accounts/{id}",method="GET",status="200"} 1"#
        ),
        "{text}"
    );
    assert!(!text.contains(&account), "an id became a label: {text}");
    assert_eq!(
        sample(
            &text,
            r#"roster_http_request_duration_seconds_count{route="/accounts/{id}"}"#
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, r#"roster_sign_in_throttled_total{reason="address"}"#),
        Some(2.0),
        "{text}"
    );
    // The sign-up's verification mail was queued and delivered (or is still waiting).
    let queued = sample(&text, r#"roster_queue_undelivered{queue="mail"}"#).unwrap();
    assert!((0.0..=1.0).contains(&queued), "{text}");
    assert_eq!(
        sample(&text, r#"roster_queue_undelivered{queue="webhooks"}"#),
        Some(0.0)
    );
    // SQLite writes on one connection; PostgreSQL's write pool opens what it needs.
    let writers = sample(
        &text,
        r#"roster_database_connections{pool="write",state="open"}"#,
    )
    .unwrap();
    if crate::support::on_postgres() {
        assert!(writers >= 1.0, "{text}");
    } else {
        assert_eq!(writers, 1.0, "{text}");
    }
    assert_eq!(
        sample(&text, "roster_mail_delivery_failures_total"),
        Some(0.0)
    );
}

#[tokio::test]
async fn made_up_methods_and_paths_add_no_metrics_series() {
    let server = TestServer::start_with(|config| config.metrics_token = Some(TOKEN.into())).await;
    let series = |text: &str| {
        text.lines()
            .filter(|line| line.starts_with("roster_http_requests_total{"))
            .count()
    };
    let send = |http: reqwest::Client, base: String, n: usize| async move {
        let method = format!("M{n}{}", "X".repeat(n % 200));
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let path = format!("{base}/no-such-page-{n}/{}", "p".repeat(n % 300));
        let _ = http.request(method, path).send().await;
        let _ = http.get(format!("{base}/no-such-page-{n}")).send().await;
    };
    // One of each first, so that every series the flood could legitimately add exists.
    let http = server.client().client;
    send(http.clone(), server.base_url.clone(), 0).await;
    metrics_text(&server).await;
    let before = series(&metrics_text(&server).await);

    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..16 {
        let (http, base) = (http.clone(), server.base_url.clone());
        workers.spawn(async move {
            for n in (1 + worker..5_000).step_by(16) {
                send(http.clone(), base.clone(), n).await;
            }
        });
    }
    workers.join_all().await;

    let text = metrics_text(&server).await;
    assert_eq!(series(&text), before, "{text}");
    assert!(text.contains(r#"method="other""#), "{text}");
    assert!(!text.contains("M1X") && !text.contains("no-such-page"));
}
