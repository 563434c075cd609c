//! The search behind the role dropdown: what it finds, how it classifies, what it never shows.

use crate::support::TestServer;
use crate::world::{Person, insert_member};
use reqwest::StatusCode;
use std::time::Instant;

async fn search(by: &Person, account: &str, role: &str, query: &str) -> serde_json::Value {
    let response = by
        .client
        .call(
            "search_users",
            &[("account_id", account), ("role_id", role), ("query", query)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn kinds(results: &serde_json::Value) -> Vec<(String, String)> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["email"].as_str().unwrap().to_owned(),
                h["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn rename(server: &TestServer, person: &Person, name: &str) {
    app::db::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(name)
        .bind(&person.user_id)
        .execute(&server.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn each_match_says_whether_it_holds_the_role_and_a_typed_address_offers_invite() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Search Co").await;
    let role = server.custom_role(&account, "Support", &[]).await;
    let ada = server.person().await;
    rename(&server, &ada, "Ada Lovelace").await;
    server.add_member(&account, &ada).await;
    let adam = server.person().await;
    rename(&server, &adam, "Adam Smith").await;
    server.add_member(&account, &adam).await;
    server.assign(&account, &adam, &role).await;
    server
        .pending_invitation(&account, "adele@example.org", &role)
        .await;

    let found = search(&owner, &account, &role, "ADA").await;
    assert_eq!(
        kinds(&found),
        vec![
            (ada.email.clone(), "AddToRole".to_owned()),
            (adam.email.clone(), "Assigned".to_owned()),
        ]
    );
    // A later word of the name matches too; so does the start of an email.
    assert_eq!(
        kinds(&search(&owner, &account, &role, "love").await)[0].0,
        ada.email
    );
    assert_eq!(
        kinds(&search(&owner, &account, &role, "adele").await),
        vec![("adele@example.org".to_owned(), "Invited".to_owned())]
    );
    let typed = search(&owner, &account, &role, "New.Person@Example.org").await;
    assert_eq!(
        kinds(&typed),
        vec![("new.person@example.org".to_owned(), "Invite".to_owned())]
    );
    assert_eq!(typed["may_add"], true);
    assert_eq!(typed["may_invite"], true);
    // A member found by their exact address is not offered an invitation.
    assert_eq!(
        kinds(&search(&owner, &account, &role, &ada.email).await),
        vec![(ada.email.clone(), "AddToRole".to_owned())]
    );
}

#[tokio::test]
async fn the_search_never_shows_users_of_other_accounts() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Mine").await;
    let (other, _) = server.account("Theirs").await;
    let outsider = server.person().await;
    rename(&server, &outsider, "Zed Outsider").await;
    server.add_member(&other, &outsider).await;
    let admin = server.builtin_role_id(&account, "admin").await;
    assert!(kinds(&search(&owner, &account, &admin, "zed").await).is_empty());
    // Their address is offered for invitation only, with nothing about them.
    let typed = search(&owner, &account, &admin, &outsider.email).await;
    assert_eq!(
        kinds(&typed),
        vec![(outsider.email.clone(), "Invite".to_owned())]
    );
    assert_eq!(typed["hits"][0]["name"], "");
    assert_eq!(typed["hits"][0]["user_id"], "");
}

#[tokio::test]
async fn add_to_role_from_a_result_gives_the_member_the_role() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Add Co").await;
    let role = server.custom_role(&account, "Support", &[]).await;
    let member = server.person().await;
    server.add_member(&account, &member).await;
    let response = owner
        .client
        .call(
            "add_to_role",
            &[
                ("account_id", account.as_str()),
                ("user_id", member.user_id.as_str()),
                ("role_id", role.as_str()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(server.held_role(&member).await, role);
}

#[tokio::test]
async fn renaming_or_removing_a_member_updates_what_the_search_finds() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Index Co").await;
    let admin = server.builtin_role_id(&account, "admin").await;
    let member = server.person().await;
    server.add_member(&account, &member).await;
    rename(&server, &member, "Grace Hopper").await;
    assert_eq!(
        kinds(&search(&owner, &account, &admin, "hop").await).len(),
        1
    );
    rename(&server, &member, "Grace Brewster").await;
    assert!(kinds(&search(&owner, &account, &admin, "hop").await).is_empty());
    app::db::query("DELETE FROM memberships WHERE user_id = $1")
        .bind(&member.user_id)
        .execute(&server.pool)
        .await
        .unwrap();
    assert!(kinds(&search(&owner, &account, &admin, "grace").await).is_empty());
}

/// Seeds `count` members into an account directly (one transaction), as a measurement helper.
pub async fn seed_members(server: &TestServer, account: &str, count: usize) {
    if crate::support::on_postgres() {
        // One statement per table: a row at a time over the network would take minutes.
        let seeded = i64::try_from(count).unwrap() - 1;
        app::db::query(
            "INSERT INTO users (id, email, display_name, password_hash, created_at)
             SELECT 'seed-' || lpad(i::text, 6, '0'), 'member' || lpad(i::text, 6, '0') || '@seed.example',
                    'Member ' || lpad(i::text, 6, '0') || ' Seeded', 'x', '2026-01-01T00:00:00Z'
             FROM generate_series(0, $1) i",
        )
        .bind(seeded)
        .execute(&server.pool)
        .await
        .unwrap();
        app::db::query(
            "INSERT INTO memberships (account_id, user_id, joined_at)
             SELECT $1, 'seed-' || lpad(i::text, 6, '0'), '2026-01-01T00:00:00Z'
             FROM generate_series(0, $2) i",
        )
        .bind(account)
        .bind(seeded)
        .execute(&server.pool)
        .await
        .unwrap();
        return;
    }
    let mut tx = server.pool.begin().await.unwrap();
    for i in 0..count {
        insert_member(
            &mut tx,
            account,
            &format!("seed-{i:06}"),
            &format!("member{i:06}@seed.example"),
            &format!("Member {i:06} Seeded"),
        )
        .await;
    }
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn searching_100_000_members_uses_the_index_and_answers_quickly() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Big Co").await;
    let started = Instant::now();
    seed_members(&server, &account, 100_000).await;
    let seeded = started.elapsed();
    let admin = server.builtin_role_id(&account, "admin").await;
    if let Some(pool) = server.pool.as_postgres() {
        let plan: Vec<String> = sqlx::query_scalar(
            "EXPLAIN SELECT DISTINCT user_id FROM member_search WHERE account_id = $1 AND term >= $2 AND term < $3 LIMIT 20",
        )
        .bind(&account)
        .bind("member0999")
        .bind("member0999\u{10FFFF}")
        .fetch_all(pool)
        .await
        .unwrap();
        assert!(plan.iter().any(|step| step.contains("Index")), "{plan:?}");
        assert!(
            !plan
                .iter()
                .any(|step| step.contains("Seq Scan on member_search")),
            "{plan:?}"
        );
    } else {
        let plan: Vec<(i64, i64, i64, String)> = app::db::query_as(
        "EXPLAIN QUERY PLAN SELECT DISTINCT user_id FROM member_search WHERE account_id = $1 AND term >= $2 AND term < $3 LIMIT 20",
    )
    .bind(&account)
    .bind("member0999")
    .bind("member0999\u{10FFFF}")
    .fetch_all(&server.pool)
    .await
    .unwrap();
        let plan: Vec<String> = plan.into_iter().map(|row| row.3).collect();
        assert!(
            plan.iter()
                .any(|step| step.contains("USING PRIMARY KEY") || step.contains("USING INDEX")),
            "{plan:?}"
        );
        assert!(
            !plan
                .iter()
                .any(|step| step.starts_with("SCAN member_search")),
            "{plan:?}"
        );
    }
    let mut timings = Vec::new();
    for query in ["member0999", "m", "000123", "member099999@seed.example"] {
        let started = Instant::now();
        let found = search(&owner, &account, &admin, query).await;
        timings.push(started.elapsed());
        assert!(!found["hits"].as_array().unwrap().is_empty(), "{query}");
    }
    let slowest = timings.iter().max().unwrap();
    eprintln!("seeded 100,000 members in {seeded:?}; searches over HTTP took {timings:?}");
    assert!(slowest.as_millis() < 250, "a search took {slowest:?}");
}
