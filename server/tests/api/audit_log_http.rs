//! The audit log over HTTP: filters, the CSV export, refused changes, and sign-ins (and wrong
//! passwords) recorded in each account of the user.

use crate::members_http::{member_in, remove};
use crate::support::TestServer;
use reqwest::StatusCode;

#[tokio::test]
async fn the_audit_log_filters_exports_csv_and_records_refusals() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Audit Co").await;
    let member = member_in(&server, &account).await;
    // A refused look is only logged; a refused change is audited.
    let refused = member
        .client
        .call("list_roles", &[("account_id", account.as_str())])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let refused = member
        .client
        .call(
            "create_role",
            &[("account_id", account.as_str()), ("name", "Sneaky")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    server.custom_role(&account, "Unused", &[]).await;
    owner
        .client
        .call(
            "create_role",
            &[("account_id", account.as_str()), ("name", "Auditors")],
        )
        .await;
    assert_eq!(
        remove(&owner, &account, &member.user_id).await.status(),
        StatusCode::OK
    );

    let log: serde_json::Value = owner
        .client
        .call("audit_log", &[("account_id", account.as_str())])
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = log["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        vec![
            "member.removed",
            "role.created",
            "authorization.refused",
            "account.created"
        ],
        "newest first"
    );
    let filtered: serde_json::Value = owner
        .client
        .call(
            "audit_log",
            &[("account_id", account.as_str()), ("action", "role.created")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(filtered["rows"].as_array().unwrap().len(), 1);
    assert!(
        filtered["rows"][0]["target"]
            .as_str()
            .unwrap()
            .contains("Auditors")
    );
    let by_actor: serde_json::Value = owner
        .client
        .call(
            "audit_log",
            &[("account_id", account.as_str()), ("actor", &member.email)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_actor["rows"].as_array().unwrap().len(), 1);

    let csv = owner
        .client
        .get(&format!(
            "/api/audit_log_csv?account_id={account}&action=member.removed"
        ))
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let body = csv.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines[0], "time,actor,action,target,details");
    assert_eq!(lines.len(), 2);
    assert!(lines[1].contains("member.removed"));
}

#[tokio::test]
async fn a_sign_in_is_recorded_in_each_account_of_the_user() {
    let server = TestServer::start().await;
    let (first, owner) = server.account("First Co").await;
    let (second, _) = server.account("Second Co").await;
    let member = member_in(&server, &second).await;
    server.add_member(&first, &member).await;
    let response = member
        .client
        .call(
            "sign_in",
            &[
                ("email", member.email.as_str()),
                ("password", crate::support::PASSWORD),
            ],
        )
        .await;
    assert!(response.status().is_success());
    for account in [&first, &second] {
        assert_eq!(
            server.count("SELECT count(*) FROM audit_events WHERE action = 'member.signed_in' AND account_id = $1", account).await,
            1
        );
    }
    let _ = owner;
}

#[tokio::test]
async fn a_wrong_password_is_recorded_in_each_account_of_the_user_as_someone_elses_act() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Guarded Co").await;
    let member = member_in(&server, &account).await;
    let guesser = server.client();
    let refused = guesser
        .call(
            "sign_in",
            &[
                ("email", member.email.as_str()),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(refused.status(), reqwest::StatusCode::UNAUTHORIZED);
    let sql = "SELECT count(*) FROM audit_events
               WHERE action = 'member.sign_in_failed' AND actor_id IS NULL AND actor_label LIKE 'Someone%' AND account_id = $1";
    for _ in 0..100 {
        if server.count(sql, &account).await == 1 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no member.sign_in_failed row");
}
