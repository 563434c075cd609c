//! The members table a page at a time: in order, nothing missing or repeated, read by indexes.

use crate::support::TestServer;
use crate::world::insert_member;

async fn seed_members(server: &TestServer, account: &str, names: &[&str]) {
    let mut conn = server.pool.acquire().await.unwrap();
    for (i, name) in names.iter().enumerate() {
        let (id, email) = (format!("listed-{i}"), format!("listed-{i}@example.test"));
        insert_member(&mut conn, account, &id, &email, name).await;
    }
}

#[tokio::test]
async fn pages_list_the_owner_then_members_by_name_then_invitations_each_once() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Paged Co").await;
    let names: Vec<String> = (0..120).map(|i| format!("Person {:03}", 119 - i)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    seed_members(&server, &account, &names).await;
    let admin = server.builtin_role_id(&account, "admin").await;
    for i in 0..7 {
        server
            .pending_invitation(&account, &format!("invitee-{i}@example.test"), &admin)
            .await;
    }
    let mut seen = Vec::new();
    for page in 1..=3 {
        let listing: serde_json::Value = owner
            .client
            .call(
                "members_page",
                &[
                    ("account_id", account.as_str()),
                    ("page", &page.to_string()),
                ],
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(listing["total"], 128);
        assert_eq!(listing["pages"], 3);
        seen.extend(listing["rows"].as_array().unwrap().clone());
    }
    assert_eq!(seen.len(), 128);
    assert_eq!(seen[0]["is_owner"], true);
    let listed: Vec<&str> = seen[1..121]
        .iter()
        .map(|row| row["name"].as_str().unwrap())
        .collect();
    let mut sorted = listed.clone();
    sorted.sort_by_key(|name| name.to_lowercase());
    assert_eq!(listed, sorted, "members follow by name");
    assert_eq!(listed[0], "Person 000");
    let invited: Vec<&str> = seen[121..]
        .iter()
        .map(|row| row["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        invited,
        (0..7)
            .map(|i| format!("invitee-{i}@example.test"))
            .collect::<Vec<_>>()
    );
    assert!(seen[121..].iter().all(|row| row["pending"] == true));
}

#[tokio::test]
async fn a_renamed_member_moves_to_their_new_place_and_the_count_follows_joins_and_leaves() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Kept Co").await;
    seed_members(&server, &account, &["Zed", "Amy"]).await;
    let count = || async {
        app::db::query_scalar::<i64>("SELECT member_count FROM accounts WHERE id = $1")
            .bind(&account)
            .fetch_one(&server.pool)
            .await
            .unwrap()
    };
    assert_eq!(count().await, 3);
    app::db::query("UPDATE users SET display_name = 'Aaron' WHERE id = 'listed-0'")
        .execute(&server.pool)
        .await
        .unwrap();
    let order: Vec<String> = app::db::query_scalar(
        "SELECT user_id FROM memberships WHERE account_id = $1 AND user_id LIKE 'listed-%' ORDER BY sort_key",
    )
    .bind(&account)
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert_eq!(order, ["listed-0", "listed-1"]);
    app::db::query("DELETE FROM memberships WHERE account_id = $1 AND user_id = 'listed-1'")
        .bind(&account)
        .execute(&server.pool)
        .await
        .unwrap();
    assert_eq!(count().await, 2);
}

#[tokio::test]
async fn the_members_list_reads_by_index_without_a_scan_or_a_sort() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Planned Co").await;
    let Some(details) = plan_of(
        &server,
        app::members::queries::MEMBERS_BY_NAME,
        &[&account, "50", "0"],
    )
    .await
    else {
        return;
    };
    assert!(
        details
            .iter()
            .all(|d| !d.starts_with("SCAN") && !d.contains("TEMP B-TREE")),
        "{details:#?}"
    );
    assert!(
        details.iter().any(|d| d.contains("memberships_by_name")),
        "{details:#?}"
    );
}

/// The `detail` column of `EXPLAIN QUERY PLAN` for `sql`, run with `binds` in order.
/// On PostgreSQL, `None`: these plans are SQLite's (PostgreSQL plans by its own statistics).
async fn plan_of(server: &TestServer, sql: &str, binds: &[&str]) -> Option<Vec<String>> {
    if crate::support::on_postgres() {
        eprintln!("SQLite's query plans: not asked of PostgreSQL");
        return None;
    }
    let plan = format!("EXPLAIN QUERY PLAN {sql}");
    let mut query = app::db::query_as::<(i64, i64, i64, String)>(&plan);
    for bind in binds {
        query = query.bind(*bind);
    }
    Some(
        query
            .fetch_all(&server.pool)
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.3)
            .collect(),
    )
}

#[tokio::test]
async fn an_audit_log_page_reads_by_index_without_a_sort() {
    let server = TestServer::start().await;
    let (account, _owner) = server.account("Audited Co").await;
    let Some(details) = plan_of(
        &server,
        &app::audit::queries::events_page_sql(),
        &[&account, "", "", "", "50", "0", "9223372036854775807"],
    )
    .await
    else {
        return;
    };
    assert!(
        details.iter().all(|d| !d.contains("TEMP B-TREE")),
        "{details:#?}"
    );
    assert!(
        details
            .iter()
            .any(|d| d.contains("audit_events_by_account")),
        "{details:#?}"
    );
}

#[tokio::test]
async fn the_audit_log_pages_newest_first_and_says_whether_older_events_remain() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Logged Co").await;
    // With "account.created", 60 events: a full page of 50 and 10 older.
    for i in 0..59 {
        app::db::query(
            "INSERT INTO audit_events (account_id, actor_id, action, target_kind, target_id, target_name, details, created_at)
             VALUES ($1, $2, 'role.renamed', 'role', $3, $4, '{}', '2026-01-01T00:00:00Z')",
        )
        .bind(&account)
        .bind(&owner.user_id)
        .bind(format!("role-{i}"))
        .bind(format!("Role {i:02}"))
        .execute(&server.pool)
        .await
        .unwrap();
    }
    let page = |n: u32| {
        let client = &owner.client;
        let account = account.clone();
        async move {
            let log: serde_json::Value = client
                .call(
                    "audit_log",
                    &[("account_id", account.as_str()), ("page", &n.to_string())],
                )
                .await
                .json()
                .await
                .unwrap();
            log
        }
    };
    let first = page(1).await;
    assert_eq!(first["rows"].as_array().unwrap().len(), 50);
    assert_eq!(first["has_older"], true);
    assert!(
        first["rows"][0]["target"]
            .as_str()
            .unwrap()
            .contains("Role 58")
    );
    let second = page(2).await;
    let rows = second["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    assert_eq!(second["has_older"], false);
    assert_eq!(rows[9]["action"], "account.created");
    // The filter offers every action Roster records, whatever this log holds.
    let offered: Vec<&str> = first["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(offered.contains(&"member.signed_in") && offered.contains(&"invitation.revoked"));
}
