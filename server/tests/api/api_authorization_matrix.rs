//! Every `/api/v1` operation × every kind of key → allowed or refused. The operations come from
//! the OpenAPI document, so a route added without a row here fails
//! `every_documented_operation_has_a_row`.

use crate::support::TestServer;
use app::permissions::{Permission, PermissionSet};
use app::secrets::ApiKeySecret;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The one place that says what each operation needs: any one of these (none: any live key).
const MATRIX: &[(&str, &[Permission])] = &[
    ("GET /permissions", &[]),
    ("GET /accounts/{account_id}", &[Permission::ReadAccount]),
    (
        "GET /accounts/{account_id}/audit-events",
        &[Permission::ReadAuditLog],
    ),
    (
        "POST /accounts/{account_id}/check",
        &[Permission::ReadUsers],
    ),
    (
        "GET /accounts/{account_id}/members",
        &[Permission::ReadUsers],
    ),
    (
        "GET /accounts/{account_id}/members/{user}",
        &[Permission::ReadUsers],
    ),
    (
        "GET /accounts/{account_id}/members/{user}/permissions",
        &[Permission::ReadUsers],
    ),
    (
        "PATCH /accounts/{account_id}/members/{user}",
        &[Permission::WriteUsers],
    ),
    (
        "DELETE /accounts/{account_id}/members/{user}",
        &[Permission::DeleteUsers],
    ),
    ("GET /accounts/{account_id}/roles", &[Permission::ReadRoles]),
    (
        "POST /accounts/{account_id}/roles",
        &[Permission::WriteRoles],
    ),
    (
        "GET /accounts/{account_id}/roles/{role_id}",
        &[Permission::ReadRoles],
    ),
    (
        "PATCH /accounts/{account_id}/roles/{role_id}",
        &[Permission::WriteRoles],
    ),
    (
        "DELETE /accounts/{account_id}/roles/{role_id}",
        &[Permission::DeleteRoles],
    ),
    (
        "GET /accounts/{account_id}/invitations",
        &[Permission::ReadInvites],
    ),
    (
        "POST /accounts/{account_id}/invitations",
        &[Permission::WriteInvites],
    ),
    (
        "POST /accounts/{account_id}/invitations/{invitation_id}/resend",
        &[Permission::WriteInvites],
    ),
    (
        "DELETE /accounts/{account_id}/invitations/{invitation_id}",
        &[Permission::WriteInvites, Permission::DeleteInvites],
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    /// Holds exactly the permission (and the read it brings).
    WithThePermission,
    /// Live, of the account, holding only `read:profile`.
    WithoutThePermission,
    Revoked,
    Expired,
    /// Of another account, holding every permission.
    OfAnotherAccount,
    /// Holding every permission, made by someone who is no longer a member.
    MakerLeft,
}

const KEYS: [Key; 6] = [
    Key::WithThePermission,
    Key::WithoutThePermission,
    Key::Revoked,
    Key::Expired,
    Key::OfAnotherAccount,
    Key::MakerLeft,
];

async fn document(server: &TestServer) -> Value {
    reqwest::get(format!("{}/api/v1/openapi.json", server.base_url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn every_documented_operation_has_a_row() {
    let server = TestServer::start().await;
    let document = document(&server).await;
    let mut documented = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if crate::openapi_http::takes_a_key(operation) {
                documented.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    let rows: BTreeSet<String> = MATRIX.iter().map(|(op, _)| (*op).to_owned()).collect();
    assert_eq!(documented, rows, "the matrix and the document disagree");
}

/// A key of `account` with `permissions`, made in the database by the account's owner; its
/// secret.
async fn key(
    server: &TestServer,
    account: &str,
    permissions: &PermissionSet,
    revoked: bool,
    expires_at: Option<&str>,
) -> String {
    let secret = ApiKeySecret::generate();
    let id = uuid::Uuid::new_v4().to_string();
    app::db::query(
        "INSERT INTO api_keys (id, account_id, name, secret_hash, hint, created_at, expires_at, revoked_at, created_by)
         VALUES ($1, $2, 'matrix', $3, 'roster_…', '2026-01-01T00:00:00.000Z', $4, $5,
                 (SELECT user_id FROM account_owners WHERE account_id = $2))",
    )
    .bind(&id)
    .bind(account)
    .bind(secret.hash().as_slice())
    .bind(expires_at)
    .bind(revoked.then_some("2026-01-02T00:00:00.000Z"))
    .execute(&server.pool)
    .await
    .unwrap();
    for permission in permissions.iter() {
        app::db::query("INSERT INTO api_key_permissions (key_id, permission) VALUES ($1, $2)")
            .bind(&id)
            .bind(permission.name())
            .execute(&server.pool)
            .await
            .unwrap();
    }
    secret.as_str().to_owned()
}

struct Targets {
    user: String,
    role: String,
    invitation: String,
}

/// Fresh things for one call to act on, so that every allowed call succeeds.
async fn targets(server: &TestServer, account: &str) -> Targets {
    let member = server.person().await;
    server.add_member(account, &member).await;
    let role = server
        .custom_role(
            account,
            &format!("Matrix {}", uuid::Uuid::new_v4().simple()),
            &[],
        )
        .await;
    let invitation = uuid::Uuid::new_v4().to_string();
    app::db::query(
        "INSERT INTO invitations (id, account_id, email, token_hash, created_at, sent_at, expires_at)
         VALUES ($1, $2, $3, $4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z')",
    )
    .bind(&invitation)
    .bind(account)
    .bind(crate::support::unique_email())
    .bind(uuid::Uuid::new_v4().as_bytes().repeat(2))
    .execute(&server.pool)
    .await
    .unwrap();
    Targets {
        user: member.user_id,
        role,
        invitation,
    }
}

fn body(operation: &str, targets: &Targets) -> Option<Value> {
    let unique = uuid::Uuid::new_v4().simple().to_string();
    match operation {
        "POST /accounts/{account_id}/check" => {
            Some(json!({ "user": targets.user, "permission": "read:users" }))
        }
        "PATCH /accounts/{account_id}/members/{user}" => Some(json!({ "roles": [] })),
        "POST /accounts/{account_id}/roles" => {
            Some(json!({ "name": format!("New {unique}"), "permissions": [] }))
        }
        "PATCH /accounts/{account_id}/roles/{role_id}" => {
            Some(json!({ "name": format!("Renamed {unique}") }))
        }
        "POST /accounts/{account_id}/invitations" => {
            Some(json!({ "emails": [crate::support::unique_email()] }))
        }
        operation if operation.starts_with("POST") => Some(json!({})),
        _ => None,
    }
}

#[tokio::test]
async fn every_operation_allows_exactly_a_live_key_of_the_account_with_what_it_needs() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Keyed Matrix").await;
    let (elsewhere, _other) = server.account("Other Keyed").await;
    let profile_only = PermissionSet::new([Permission::ReadProfile]);
    let everything = PermissionSet::all();
    let without = key(&server, &account, &profile_only, false, None).await;
    let revoked = key(&server, &account, &everything, true, None).await;
    let expired = key(
        &server,
        &account,
        &everything,
        false,
        Some("2026-01-01T00:00:01.000Z"),
    )
    .await;
    let foreign = key(&server, &elsewhere, &everything, false, None).await;
    let orphaned = key(&server, &account, &everything, false, None).await;
    let former = server.person().await;
    let orphaned_hash = ApiKeySecret::from_bearer(&format!("Bearer {orphaned}"))
        .unwrap()
        .hash();
    app::db::query("UPDATE api_keys SET created_by = $1 WHERE secret_hash = $2")
        .bind(&former.user_id)
        .bind(orphaned_hash.as_slice())
        .execute(&server.pool)
        .await
        .unwrap();
    let client = reqwest::Client::new();
    let mut wrong = Vec::new();
    for (operation, needs) in MATRIX {
        let exact = PermissionSet::new(needs.first().copied().or(Some(Permission::ReadProfile)));
        let with = key(&server, &account, &exact, false, None).await;
        for kind in KEYS {
            let secret = match kind {
                Key::WithThePermission => &with,
                Key::WithoutThePermission => &without,
                Key::Revoked => &revoked,
                Key::Expired => &expired,
                Key::OfAnotherAccount => &foreign,
                Key::MakerLeft => &orphaned,
            };
            let targets = targets(&server, &account).await;
            let (method, template) = operation.split_once(' ').unwrap();
            let path = template
                .replace("{account_id}", &account)
                .replace("{user}", &targets.user)
                .replace("{role_id}", &targets.role)
                .replace("{invitation_id}", &targets.invitation);
            let url = format!("{}/api/v1{path}", server.base_url);
            let mut request = match method {
                "POST" => client.post(url),
                "PATCH" => client.patch(url),
                "DELETE" => client.delete(url),
                _ => client.get(url),
            };
            if let Some(body) = body(operation, &targets) {
                request = request.json(&body);
            }
            let status = request
                .header("authorization", format!("Bearer {secret}"))
                .send()
                .await
                .unwrap()
                .status();
            let account_free = needs.is_empty();
            let expected = match kind {
                Key::Revoked | Key::Expired => StatusCode::UNAUTHORIZED,
                // Suspended everywhere, saying why, until someone adopts it.
                Key::MakerLeft => StatusCode::FORBIDDEN,
                _ if account_free => StatusCode::OK,
                Key::WithThePermission => status, // checked below: a success
                Key::WithoutThePermission => StatusCode::FORBIDDEN,
                Key::OfAnotherAccount => StatusCode::NOT_FOUND,
            };
            let fine = if kind == Key::WithThePermission && !account_free {
                status.is_success()
            } else {
                status == expected
            };
            if !fine {
                wrong.push(format!(
                    "{operation} with {kind:?}: {status}, expected {expected}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
