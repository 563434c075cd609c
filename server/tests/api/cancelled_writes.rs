//! A client that gives up in the middle of a write must not wedge the one writer connection:
//! the next writes still go through.

use crate::support::{PASSWORD, TestServer, same_origin_headers, session_cookie};
use reqwest::StatusCode;
use std::time::Duration;

#[tokio::test]
async fn writes_still_go_through_after_many_clients_give_up_mid_write() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Impatient Co").await;
    let role = server.custom_role(&account, "Flapping", &[]).await;
    let member = server.person().await;
    server.add_member(&account, &member).await;
    let signed_in = owner
        .client
        .call(
            "sign_in",
            &[("email", &owner.email), ("password", PASSWORD)],
        )
        .await;
    let cookie = session_cookie(&signed_in).expect("a session cookie");
    let cookie = cookie.split(';').next().unwrap().to_owned();
    // One client whose connections are warm, so that requests reach the server at once; each
    // gives up after 0.5 to 40 ms: some while waiting for the writer, some while it begins their
    // transaction, some in the middle of it.
    let client = reqwest::Client::new();
    let mut answered = 0;
    for wave in 0..60u64 {
        let calls: Vec<_> = (0..16u64)
            .map(|i| {
                let request = client
                    .post(format!("{}/api/set_member_roles", server.base_url))
                    .headers(same_origin_headers(&server.base_url))
                    .header("cookie", cookie.clone())
                    .form(&[
                        ("account_id", account.as_str()),
                        ("user_id", member.user_id.as_str()),
                        ("roles[]", if i % 2 == 0 { role.as_str() } else { "" }),
                    ]);
                let patience = Duration::from_micros(500 + (wave * 16 + i) * 397 % 40_000);
                tokio::spawn(async move { tokio::time::timeout(patience, request.send()).await })
            })
            .collect();
        for call in calls {
            if let Ok(Ok(Ok(response))) = call.await {
                assert!(response.status().is_success(), "{}", response.status());
                answered += 1;
            }
        }
    }
    eprintln!("{answered} of 960 writes answered before their client gave up");
    let after = tokio::time::timeout(
        Duration::from_secs(10),
        owner.client.call(
            "set_member_roles",
            &[
                ("account_id", account.as_str()),
                ("user_id", member.user_id.as_str()),
                ("roles[]", role.as_str()),
            ],
        ),
    )
    .await
    .expect("the write is answered");
    assert_eq!(after.status(), StatusCode::OK);
}
