//! Writes wait their turn for the one writer connection: many at once all succeed, in order,
//! with no "database is locked".

use crate::support::TestServer;
use crate::world::insert_member;
use reqwest::StatusCode;

#[tokio::test]
async fn forty_concurrent_role_changes_all_succeed_through_one_writer_connection() {
    let server = TestServer::start().await;
    if let Some(writer) = server.state.writer.as_sqlite() {
        assert_eq!(writer.options().get_max_connections(), 1);
    }
    let (account, owner) = server.account("Busy Writes Co").await;
    let role = server.custom_role(&account, "Rotating", &[]).await;
    let mut members = Vec::new();
    let mut conn = server.pool.acquire().await.unwrap();
    for i in 0..40 {
        let id = format!("writer-test-{i}");
        insert_member(
            &mut conn,
            &account,
            &id,
            &format!("{id}@example.test"),
            "Writer",
        )
        .await;
        members.push(id);
    }
    drop(conn);
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
            "SELECT count(*) FROM member_roles WHERE account_id = $1 AND user_id LIKE 'writer-test-%'",
            &account,
        )
        .await;
    assert_eq!(holders, 40);
}
