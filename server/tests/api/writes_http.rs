//! Writes wait their turn for the one writer connection: many at once all succeed, in order,
//! with no "database is locked".

use crate::support::TestServer;
use reqwest::StatusCode;

#[tokio::test]
async fn forty_concurrent_role_changes_all_succeed_through_one_writer_connection() {
    let server = TestServer::start().await;
    assert_eq!(server.state.writer.options().get_max_connections(), 1);
    let (account, owner) = server.account("Busy Writes Co").await;
    let role = server.custom_role(&account, "Rotating", &[]).await;
    let mut members = Vec::new();
    for i in 0..40 {
        let id = format!("writer-test-{i}");
        sqlx::query("INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES (?, ?, 'Writer', 'x', '2026-11-23T00:00:00Z')")
            .bind(&id)
            .bind(format!("{id}@example.test"))
            .execute(&server.pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO memberships (account_id, user_id, joined_at) VALUES (?, ?, '2026-11-23T00:00:00Z')")
            .bind(&account)
            .bind(&id)
            .execute(&server.pool)
            .await
            .unwrap();
        members.push(id);
    }
    let calls: Vec<_> = members
        .iter()
        .map(|user_id| {
            let client = owner.client.clone();
            let (account, role) = (account.clone(), role.clone());
            let user_id = user_id.clone();
            tokio::spawn(async move {
                client
                    .call(
                        "set_member_roles",
                        &[
                            ("account_id", account.as_str()),
                            ("user_id", user_id.as_str()),
                            ("roles[]", role.as_str()),
                        ],
                    )
                    .await
                    .status()
            })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap(), StatusCode::OK);
    }
    let holders = server
        .count(
            "SELECT count(*) FROM member_roles WHERE account_id = ? AND user_id LIKE 'writer-test-%'",
            &account,
        )
        .await;
    assert_eq!(holders, 40);
}
