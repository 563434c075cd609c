//! The API's OpenAPI document and its routes match: every documented operation is routed
//! (it answers as an operation, not as an unknown path), and the router has nothing the
//! document lacks (it is built from the same list, and an undocumented path is a 404 problem).

use crate::support::TestServer;
use reqwest::StatusCode;
use serde_json::Value;

async fn document(server: &TestServer) -> Value {
    let response = reqwest::get(format!("{}/api/v1/openapi.json", server.base_url))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn the_document_is_openapi_3_1_with_bearer_keys_and_every_operation() {
    let server = TestServer::start().await;
    let document = document(&server).await;
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(
        document["components"]["securitySchemes"]["api_key"]["scheme"],
        "bearer"
    );
    let mut operations: Vec<String> = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            operations.push(format!("{} {path}", method.to_uppercase()));
        }
    }
    operations.sort();
    assert_eq!(
        operations,
        vec![
            "DELETE /accounts/{account_id}/invitations/{invitation_id}",
            "DELETE /accounts/{account_id}/members/{user}",
            "DELETE /accounts/{account_id}/roles/{role_id}",
            "GET /accounts/{account_id}",
            "GET /accounts/{account_id}/audit-events",
            "GET /accounts/{account_id}/invitations",
            "GET /accounts/{account_id}/members",
            "GET /accounts/{account_id}/members/{user}",
            "GET /accounts/{account_id}/members/{user}/permissions",
            "GET /accounts/{account_id}/roles",
            "GET /accounts/{account_id}/roles/{role_id}",
            "GET /permissions",
            "PATCH /accounts/{account_id}/members/{user}",
            "PATCH /accounts/{account_id}/roles/{role_id}",
            "POST /accounts/{account_id}/check",
            "POST /accounts/{account_id}/invitations",
            "POST /accounts/{account_id}/invitations/{invitation_id}/resend",
            "POST /accounts/{account_id}/roles",
            "POST /mail/bounces",
        ]
    );
}

/// Whether the operation is called with an API key (the bounce report is signed instead).
pub(crate) fn takes_a_key(operation: &Value) -> bool {
    operation["security"].as_array().is_some_and(|all| {
        all.iter()
            .any(|requirement| requirement.get("api_key").is_some())
    })
}

#[tokio::test]
async fn every_documented_operation_is_routed_and_nothing_else_is() {
    let server = TestServer::start_with(|config| {
        config.bounce_mailbox = Some("bounces@example.org".into());
        config.bounce_secret = Some("s".repeat(32));
    })
    .await;
    let document = document(&server).await;
    let client = reqwest::Client::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        let concrete = path
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "x"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        for (method, operation) in item.as_object().unwrap() {
            let url = format!("{}/api/v1{concrete}", server.base_url);
            let request = match method.as_str() {
                "post" => client.post(url).json(&serde_json::json!({})),
                "patch" => client.patch(url).json(&serde_json::json!({})),
                "get" => client.get(url),
                "delete" => client.delete(url),
                other => panic!("a method the test does not know: {other}"),
            };
            let response = request.send().await.unwrap();
            // Routed: the gate answers (no key, no signature), not the fallback or a wrong
            // method.
            let refused = if takes_a_key(operation) {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(response.status(), refused, "{method} {path}");
            assert_eq!(
                response.headers()["content-type"],
                "application/problem+json",
                "{method} {path}"
            );
        }
    }
    for undocumented in [
        "/accounts/x/members/x/roles",
        "/nothing",
        "/accounts/x/check/more",
    ] {
        let response = client
            .get(format!("{}/api/v1{undocumented}", server.base_url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{undocumented}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
    }
}

#[tokio::test]
async fn the_reference_page_lists_every_operation_for_people() {
    let server = TestServer::start().await;
    let page = reqwest::get(format!("{}/api/v1/reference", server.base_url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for operation in [
        "/api/v1/permissions",
        "/api/v1/accounts/{account_id}/check",
        "/api/v1/accounts/{account_id}/members/{user}/permissions",
        "May this user do this in this account",
    ] {
        assert!(page.contains(operation), "{operation}");
    }
}

#[tokio::test]
async fn every_operation_names_the_permission_it_needs_and_the_refusals_a_key_may_get() {
    let server = TestServer::start().await;
    let document = document(&server).await;
    let catalogue = app::permissions::Permission::catalogue();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let what = format!("{method} {path}");
            let responses = &operation["responses"];
            if !takes_a_key(operation) {
                // The bounce report: signed with the bounce secret, refused (403) when not.
                assert_eq!(path, "/mail/bounces");
                assert!(operation["security"][0]["bounce_signature"].is_array());
                assert!(responses["403"].is_object(), "{what} 403");
                continue;
            }
            for status in ["401", "429"] {
                assert_eq!(
                    responses[status]["content"]
                        .as_object()
                        .map(|content| content.contains_key("application/problem+json")),
                    Some(true),
                    "{what} {status}"
                );
            }
            let scopes: Vec<&str> = operation["security"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|requirement| requirement["api_key"].as_array().unwrap())
                .map(|scope| scope.as_str().unwrap())
                .collect();
            if path == "/permissions" {
                assert!(scopes.is_empty(), "{what}: any live key");
                continue;
            }
            assert!(!scopes.is_empty(), "{what} names no permission");
            for scope in scopes {
                assert!(
                    catalogue.iter().any(|p| p.name() == scope),
                    "{what}: {scope} is no permission"
                );
            }
            assert!(responses["403"].is_object(), "{what} 403");
        }
    }
}
