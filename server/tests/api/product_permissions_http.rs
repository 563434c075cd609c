//! The deployment's own permissions, from `--permissions-file`: in the catalogue, in roles
//! made of them, held by Admin (and by Base when the file says so), answered by the check; a
//! bad file stops the start; a name no longer declared is shown on its roles and grants nothing.

use crate::keys::{api, create_key};
use crate::support::TestServer;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Names no other test of this process declares (the catalogue is the process's).
fn names() -> (String, String, String) {
    let tag = &uuid::Uuid::new_v4().simple().to_string()[..10];
    (
        format!("read:clusters_{tag}"),
        format!("write:clusters_{tag}"),
        format!("read:status_{tag}"),
    )
}

fn file(folder: &std::path::Path, text: &str) -> std::path::PathBuf {
    let path = folder.join("permissions.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test]
async fn a_role_made_of_product_permissions_answers_the_check_through_them() {
    let folder = tempfile::tempdir().unwrap();
    let (read, write, status) = names();
    let path = file(
        folder.path(),
        &format!(
            "[[permission]]\nname = \"{read}\"\ngroup = \"Clusters\"\ndescription = \"See clusters.\"\n\n\
             [[permission]]\nname = \"{write}\"\ngroup = \"Clusters\"\ndescription = \"Resize clusters.\"\n\n\
             [[permission]]\nname = \"{status}\"\ngroup = \"Status\"\ndescription = \"See the status.\"\nbase = true\n"
        ),
    );
    let server = TestServer::start_with(|config| config.permissions_file = Some(path)).await;
    let (account, owner) = server.account("Product Co").await;
    let key = create_key(
        &owner.client,
        &account,
        &["write:roles", "write:users", &write],
    )
    .await;

    let (_, catalogue) = api(&server, &key, "GET", "/permissions", None).await;
    let entry = catalogue
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["name"] == json!(write))
        .cloned()
        .expect("the product's permission is in the catalogue");
    assert_eq!(entry["group"], "Clusters");
    assert_eq!(entry["implies"], json!(read));

    let (created, role) = api(
        &server,
        &key,
        "POST",
        &format!("/accounts/{account}/roles"),
        Some(json!({ "name": "Operators", "permissions": [write] })),
    )
    .await;
    assert_eq!(created, StatusCode::CREATED, "{role}");
    let mut granted: Vec<String> = serde_json::from_value(role["permissions"].clone()).unwrap();
    granted.sort();
    assert_eq!(
        granted,
        vec![read.clone(), write.clone()],
        "a write brings its read"
    );

    let operator = server.person().await;
    server.add_member(&account, &operator).await;
    let (changed, _) = api(
        &server,
        &key,
        "PATCH",
        &format!("/accounts/{account}/members/{}", operator.user_id),
        Some(json!({ "roles": [role["id"]] })),
    )
    .await;
    assert_eq!(changed, StatusCode::OK);
    let plain = server.person().await;
    server.add_member(&account, &plain).await;
    let admin = crate::keys::admin_in(&server, &account).await;

    let checker = create_key(&owner.client, &account, &["read:users"]).await;
    let check = |user: String, permission: String| {
        let server = &server;
        let checker = checker.clone();
        let account = account.clone();
        async move {
            let (status, answer) = api(
                server,
                &checker,
                "POST",
                &format!("/accounts/{account}/check"),
                Some(json!({ "user": user, "permission": permission })),
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{answer}");
            answer
        }
    };
    assert_eq!(
        check(operator.email.clone(), write.clone()).await,
        json!({ "allowed": true, "via_roles": ["Operators"] })
    );
    assert_eq!(
        check(plain.email.clone(), write.clone()).await,
        json!({ "allowed": false, "via_roles": [] })
    );
    assert_eq!(
        check(admin.email.clone(), write.clone()).await,
        json!({ "allowed": true, "via_roles": ["Admin"] })
    );
    // The file gives everyone the status: Base holds it.
    assert_eq!(
        check(plain.email.clone(), status.clone()).await["allowed"],
        true
    );
}

#[tokio::test]
async fn a_bad_permissions_file_stops_the_start_with_the_reason() {
    let folder = tempfile::tempdir().unwrap();
    let path = file(
        folder.path(),
        "[[permission]]\nname = \"write:rockets\"\ngroup = \"Rockets\"\ndescription = \"Launch.\"\n",
    );
    let mut config = server::config::Config::for_database(format!(
        "sqlite://{}",
        folder.path().join("roster.db").display()
    ));
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.permissions_file = Some(path);
    let error = server::start(&config)
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(error.contains("--permissions-file"), "{error}");
    assert!(error.contains("declare read:rockets too"), "{error}");

    config.permissions_file = Some(folder.path().join("missing.toml"));
    let error = server::start(&config)
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(error.contains("missing.toml"), "{error}");
}

#[tokio::test]
async fn a_permission_no_longer_declared_is_shown_on_its_role_and_grants_nothing() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Retired Co").await;
    let role = server.custom_role(&account, "Legacy", &[]).await;
    // What a role holds after its permission was taken out of the file: a stored name the
    // catalogue lacks.
    let (retired, _, _) = names();
    app::db::query("INSERT INTO role_permissions (role_id, permission) VALUES ($1, $2)")
        .bind(&role)
        .bind(&retired)
        .execute(&server.pool)
        .await
        .unwrap();
    let holder = server.person().await;
    server.add_member(&account, &holder).await;
    server.assign(&account, &holder, &role).await;

    let key = create_key(&owner.client, &account, &["read:roles", "read:users"]).await;
    let (_, shown) = api(
        &server,
        &key,
        "GET",
        &format!("/accounts/{account}/roles/{role}"),
        None,
    )
    .await;
    assert_eq!(shown["undeclared"], json!([retired]));
    assert_eq!(shown["permissions"], json!([]));
    let (_, held) = api(
        &server,
        &key,
        "GET",
        &format!("/accounts/{account}/members/{}/permissions", holder.user_id),
        None,
    )
    .await;
    assert!(!held.to_string().contains(&retired), "{held}");

    let page = owner
        .client
        .get(&format!("/accounts/{account}/roles/{role}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("No longer declared"), "the role page says so");
    assert!(page.contains(&retired));
    let details: Value = owner
        .client
        .call_on_role("get_role", &account, &role, &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(details["undeclared"], json!([retired]));
}
