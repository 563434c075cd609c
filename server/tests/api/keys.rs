//! What the API's tests share: a key made through the page, a call with it, an admin.

use crate::support::{ApiClient, TestServer};
use crate::world::Person;
use reqwest::StatusCode;
use serde_json::Value;

/// Creates a key through the page's form and reads its secret from the page that follows.
pub async fn create_key(owner: &ApiClient, account: &str, permissions: &[&str]) -> String {
    let mut form = vec![
        ("account_id", account),
        ("name", "ci-bot"),
        ("lifetime_days", "30"),
    ];
    form.extend(permissions.iter().map(|p| ("permissions[]", *p)));
    let created = owner.call("create_api_key", &form).await;
    assert_eq!(
        created.status(),
        StatusCode::OK,
        "{}",
        created.text().await.unwrap()
    );
    let view: Value = owner
        .call("api_keys", &[("account_id", account)])
        .await
        .json()
        .await
        .unwrap();
    view["new_secret"]["secret"]
        .as_str()
        .expect("the new secret, once")
        .to_owned()
}

pub async fn api(
    server: &TestServer,
    secret: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let client = reqwest::Client::new();
    let url = format!("{}/api/v1{path}", server.base_url);
    let request = match method {
        "POST" => client.post(url).json(&body.unwrap_or(Value::Null)),
        "PATCH" => client.patch(url).json(&body.unwrap_or(Value::Null)),
        "DELETE" => client.delete(url),
        _ => client.get(url),
    };
    let response = request
        .header("authorization", format!("Bearer {secret}"))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    if !status.is_success() {
        assert_eq!(content_type, "application/problem+json", "{path}");
    }
    (status, response.json().await.unwrap_or(Value::Null))
}

pub async fn admin_in(server: &TestServer, account: &str) -> Person {
    let admin = server.person().await;
    server.add_member(account, &admin).await;
    let role = server.builtin_role_id(account, "admin").await;
    app::db::query("INSERT INTO member_roles (account_id, user_id, role_id) VALUES ($1, $2, $3)")
        .bind(account)
        .bind(&admin.user_id)
        .bind(&role)
        .execute(&server.pool)
        .await
        .unwrap();
    admin
}
