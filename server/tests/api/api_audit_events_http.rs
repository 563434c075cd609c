//! The audit log through the API: the page's events and filters, newest first, a cursor that
//! walks to the oldest, CSV on `Accept: text/csv`, and only with `read:audit_log`.

use crate::keys::{api, create_key};
use crate::support::TestServer;
use reqwest::StatusCode;
use serde_json::json;

async fn seed_renames(server: &TestServer, account: &str, actor: &str, count: usize) {
    for i in 0..count {
        app::db::query(
            "INSERT INTO audit_events (account_id, actor_id, action, target_kind, target_id, target_name, details, created_at)
             VALUES ($1, $2, 'role.renamed', 'role', $3, $4, '{\"from\":\"a\"}', '2026-01-01T00:00:00Z')",
        )
        .bind(account)
        .bind(actor)
        .bind(format!("role-{i}"))
        .bind(format!("Role {i:02}"))
        .execute(&server.pool)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn a_key_reads_the_log_newest_first_and_its_cursor_walks_to_the_oldest_event() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Logged API Co").await;
    seed_renames(&server, &account, &owner.user_id, 5).await;
    let secret = create_key(&owner.client, &account, &["read:audit_log"]).await;

    let path = format!("/accounts/{account}/audit-events?action=role.renamed&limit=2");
    let (status, first) = api(&server, &secret, "GET", &path, None).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let names: Vec<&str> = first["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["target"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Role 04", "Role 03"]);
    assert_eq!(first["events"][0]["actor"]["kind"], "user");
    assert_eq!(first["events"][0]["actor"]["id"], json!(owner.user_id));
    assert_eq!(first["events"][0]["details"], json!({ "from": "a" }));

    let mut seen = names.len();
    let mut next = first["next"].as_str().map(str::to_owned);
    while let Some(after) = next {
        let (_, page) = api(
            &server,
            &secret,
            "GET",
            &format!("{path}&after={after}"),
            None,
        )
        .await;
        seen += page["events"].as_array().unwrap().len();
        next = page["next"].as_str().map(str::to_owned);
    }
    assert_eq!(seen, 5);

    // The key's own creation is in the log under the owner; a filter by actor finds it.
    let (_, created) = api(
        &server,
        &secret,
        "GET",
        &format!("/accounts/{account}/audit-events?action=api_key.created"),
        None,
    )
    .await;
    assert_eq!(created["events"].as_array().unwrap().len(), 1);
    assert!(created["next"].is_null());
}

#[tokio::test]
async fn the_log_comes_as_csv_with_a_link_to_the_next_page() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Csv API Co").await;
    seed_renames(&server, &account, &owner.user_id, 3).await;
    let secret = create_key(&owner.client, &account, &["read:audit_log"]).await;
    let response = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/accounts/{account}/audit-events?action=role.renamed&limit=2",
            server.base_url
        ))
        .header("authorization", format!("Bearer {secret}"))
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let link = response.headers()["link"].to_str().unwrap().to_owned();
    assert!(
        link.contains("action=role.renamed") && link.ends_with("rel=\"next\""),
        "{link}"
    );
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "time,actor,action,target,details");
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[1].contains("role: Role 02"), "{csv}");
}

#[tokio::test]
async fn the_log_needs_read_audit_log_and_refuses_unknown_actions_and_cursors() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Guarded Log Co").await;
    let reader = create_key(&owner.client, &account, &["read:users"]).await;
    let (status, _) = api(
        &server,
        &reader,
        "GET",
        &format!("/accounts/{account}/audit-events"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let auditor = create_key(&owner.client, &account, &["read:audit_log"]).await;
    for query in [
        "action=nothing.happened",
        "after=zz",
        "after=-1",
        "after=C",
        "after=+1",
        "after=1234567890abcdef",
        "limit=0",
    ] {
        let (status, problem) = api(
            &server,
            &auditor,
            "GET",
            &format!("/accounts/{account}/audit-events?{query}"),
            None,
        )
        .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {problem}"
        );
    }
}
