//! How many SQL statements each main page runs, at two sizes of the account: the count must not
//! grow with the rows a page shows. A test binary of its own, so that the statements counted
//! (every `sqlx::query` event in this process) are this test's alone.

#[path = "../api/support.rs"]
#[allow(dead_code)]
mod support;
#[path = "../api/world.rs"]
#[allow(dead_code)]
mod world;

use std::sync::atomic::{AtomicUsize, Ordering};
use support::TestServer;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};

static STATEMENTS: AtomicUsize = AtomicUsize::new(0);
static SEEN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

struct Summary(String);
impl tracing::field::Visit for Summary {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" || field.name() == "db.statement" {
            self.0.push_str(&format!("{value:?} "));
        }
    }
}

/// Counts sqlx's one event per statement run.
struct CountStatements;

impl<S: tracing::Subscriber> Layer<S> for CountStatements {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            let mut summary = Summary(String::new());
            event.record(&mut summary);
            // A connection the pool opens runs its set-up PRAGMAs: the pool's cost, not the page's.
            if summary.0.trim_start_matches('"').starts_with("PRAGMA") {
                return;
            }
            STATEMENTS.fetch_add(1, Ordering::SeqCst);
            SEEN.lock()
                .unwrap()
                .push(summary.0.chars().take(160).collect());
        }
    }
}

async fn statements_of(client: &support::ApiClient, path: &str) -> usize {
    // Let work started by an earlier request (the mail outbox, a session touch) settle first.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let before = STATEMENTS.load(Ordering::SeqCst);
    SEEN.lock().unwrap().clear();
    let response = client.get(path).await;
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.text().await.expect("page");
    if std::env::var("SHOW_STATEMENTS").is_ok() {
        println!("{path}:\n  {}", SEEN.lock().unwrap().join("\n  "));
    }
    STATEMENTS.load(Ordering::SeqCst) - before
}

/// `count` more members, each holding the custom role `role_id`, and as many pending invitations.
async fn grow(server: &TestServer, account: &str, role_id: &str, from: usize, count: usize) {
    for i in from..from + count {
        let user_id = format!("seeded-user-{i}");
        let mut conn = server.pool.acquire().await.expect("connection");
        let email = format!("seeded-{i}@example.test");
        world::insert_member(
            &mut conn,
            account,
            &user_id,
            &email,
            &format!("Seeded Person {i}"),
        )
        .await;
        drop(conn);
        app::db::query(
            "INSERT INTO member_roles (account_id, user_id, role_id) VALUES ($1, $2, $3)",
        )
        .bind(account)
        .bind(&user_id)
        .bind(role_id)
        .execute(&server.pool)
        .await
        .expect("role");
        server
            .pending_invitation(account, &format!("invited-{i}@example.test"), role_id)
            .await;
    }
}

#[tokio::test]
async fn no_main_page_runs_more_statements_as_the_account_grows() {
    let subscriber = Registry::default().with(CountStatements);
    tracing::subscriber::set_global_default(subscriber).expect("one subscriber");
    // The webhook worker's polls are its own cost, not a page's: it looks once an hour here.
    let server = TestServer::start_with(|config| config.webhook_poll_ms = 3_600_000).await;
    let (account, owner) = server.account("Counted Co").await;
    let role_id = server.custom_role(&account, "Counted", &[]).await;
    let pages = [
        "/".to_owned(),
        format!("/accounts/{account}"),
        format!("/accounts/{account}/roles"),
        format!("/accounts/{account}/roles/{role_id}?tab=users"),
        format!("/accounts/{account}/audit"),
    ];
    // An admin who does not own the account sees every section too, with their own reads.
    let admin = server.person().await;
    server.add_member(&account, &admin).await;
    let admin_role = server.builtin_role_id(&account, "admin").await;
    server.assign(&account, &admin, &admin_role).await;
    grow(&server, &account, &role_id, 0, 4).await;
    // The first visits open the pool's connections (each runs its own set-up statements).
    for viewer in [&owner, &admin] {
        for page in &pages {
            statements_of(&viewer.client, page).await;
        }
    }
    let mut small = Vec::new();
    for viewer in [&owner, &admin] {
        for page in &pages {
            small.push(statements_of(&viewer.client, page).await);
        }
    }
    grow(&server, &account, &role_id, 4, 44).await;
    let mut large = Vec::new();
    for viewer in [&owner, &admin] {
        for page in &pages {
            large.push(statements_of(&viewer.client, page).await);
        }
    }
    let viewers = ["owner", "admin"];
    let report: Vec<String> = viewers
        .iter()
        .flat_map(|viewer| pages.iter().map(move |page| (viewer, page)))
        .zip(small.iter().zip(&large))
        .map(|((viewer, page), (s, l))| format!("{viewer} {page}: {s} at 6 rows, {l} at 50"))
        .collect();
    println!("{}", report.join("\n"));
    // A page may skip a read it does not need (no invitations fit on a full page of members),
    // never add one for more rows.
    for (s, l) in small.iter().zip(&large) {
        assert!(l <= s, "{report:#?}");
    }
    // Today's counts, as ceilings: a change may lower them, never raise them unnoticed. The
    // account page's budget is 12 (issue 12), whoever looks at it.
    let ceilings = [4, 12, 6, 11, 6];
    for (line, (count, ceiling)) in report.iter().zip(small.iter().zip(ceilings.iter().cycle())) {
        assert!(*count <= *ceiling, "{line}: more than {ceiling} statements");
    }
}
