//! Signing up, in and out over HTTP, and what the session cookie looks like.

use crate::support::{PASSWORD, TestServer, session_cookie, unique_email};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn signing_up_creates_the_user_and_signs_them_in() {
    let server = TestServer::start().await;
    let client = server.client();
    let email = unique_email();

    let response = client
        .sign_up(&format!("  {} ", email.to_uppercase()), PASSWORD)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get("location").unwrap(), "/");
    assert!(
        session_cookie(&response).is_some(),
        "no session cookie was set"
    );

    let me = client.whoami().await;
    assert_eq!(
        me["email"],
        Value::String(email),
        "email is stored trimmed and lower-cased"
    );
    assert_eq!(me["display_name"], "Test Person");
    let stored: i64 = app::db::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn signing_up_with_a_taken_email_answers_as_a_fresh_sign_up_and_tells_the_holder_by_mail() {
    let server = TestServer::start().await;
    let email = server.client().sign_up_fresh_user().await;

    let fresh = server.client().sign_up(&unique_email(), PASSWORD).await;
    let someone = server.client();
    let taken = someone
        .sign_up(&email.to_uppercase(), "another password")
        .await;
    assert_eq!(taken.status(), fresh.status());
    assert_eq!(
        taken.headers().get("location"),
        fresh.headers().get("location")
    );
    assert_eq!(taken.text().await.unwrap(), fresh.text().await.unwrap());
    // Nobody was signed in as the address's holder, and no second user exists.
    assert_eq!(someone.whoami().await, Value::Null);
    let users = server
        .count("SELECT count(*) FROM users WHERE email = $1", &email)
        .await;
    assert_eq!(users, 1);
    // Mail 1 verified the address at sign-up; mail 2 is the notice.
    let notice = server.wait_for_mail(&email, 2).await;
    assert!(notice.raw.contains("Someone tried to create a Roster user"));
    // A second try within the hour sends no second notice.
    someone.sign_up(&email, "yet another one").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(server.mails_to(&email).len(), 2);
}

#[tokio::test]
async fn signing_up_refuses_short_passwords_and_keeps_nothing() {
    let server = TestServer::start().await;
    let response = server.client().sign_up(&unique_email(), "short").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["Validation"][0]["field"], "password");
    let stored: i64 = app::db::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let server = TestServer::start().await;
    let email = server.client().sign_up_fresh_user().await;
    let client = server.client();

    let wrong_password = client
        .call(
            "sign_in",
            &[("email", &email), ("password", "not the password")],
        )
        .await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    assert!(session_cookie(&wrong_password).is_none());
    let wrong_password: Value = wrong_password.json().await.unwrap();

    let unknown_email = client
        .call(
            "sign_in",
            &[("email", &unique_email()), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(unknown_email.status(), StatusCode::UNAUTHORIZED);
    let unknown_email: Value = unknown_email.json().await.unwrap();

    assert_eq!(wrong_password, unknown_email);
    assert_eq!(client.whoami().await, Value::Null);
}

#[tokio::test]
async fn signing_in_issues_a_new_session_id() {
    let server = TestServer::start().await;
    let email = server.client().sign_up_fresh_user().await;
    let client = server.client();

    // A session that exists before sign-in (as a fixation attack would plant one).
    let before = client
        .call(
            "sign_in",
            &[("email", &email), ("password", "wrong password")],
        )
        .await;
    assert_eq!(before.status(), StatusCode::UNAUTHORIZED);
    let first = client
        .call("sign_in", &[("email", &email), ("password", PASSWORD)])
        .await;
    let first_cookie = session_cookie(&first).expect("a session cookie at sign-in");
    let second = client
        .call("sign_in", &[("email", &email), ("password", PASSWORD)])
        .await;
    let second_cookie = session_cookie(&second).expect("a session cookie at sign-in");
    assert_ne!(cookie_value(&first_cookie), cookie_value(&second_cookie));
    assert_eq!(client.whoami().await["email"], Value::String(email));
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site_lax_without_secure_by_default() {
    let server = TestServer::start().await;
    let response = server.client().sign_up(&unique_email(), PASSWORD).await;
    let cookie = session_cookie(&response).expect("session cookie");
    let attributes = attributes(&cookie);
    assert!(attributes.contains(&"httponly".to_owned()), "{cookie}");
    assert!(attributes.contains(&"samesite=lax".to_owned()), "{cookie}");
    assert!(attributes.contains(&"path=/".to_owned()), "{cookie}");
    assert!(
        attributes.iter().any(|a| a.starts_with("max-age=")),
        "idle expiry missing: {cookie}"
    );
    assert!(!attributes.contains(&"secure".to_owned()), "{cookie}");
}

#[tokio::test]
async fn the_session_cookie_is_secure_when_configured() {
    let server = TestServer::start_with(|config| config.secure_cookies = true).await;
    let response = server.client().sign_up(&unique_email(), PASSWORD).await;
    let cookie = session_cookie(&response).expect("session cookie");
    assert!(
        attributes(&cookie).contains(&"secure".to_owned()),
        "{cookie}"
    );
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let server = TestServer::start().await;
    let client = server.client();
    client.sign_up_fresh_user().await;
    let sessions_before: i64 = app::db::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(sessions_before, 1);

    let response = client.call("sign_out", &[]).await;
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(client.whoami().await, Value::Null);
    let sessions_after: i64 = app::db::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(sessions_after, 0);
}

#[tokio::test]
async fn a_session_past_its_absolute_lifetime_is_signed_out() {
    let server = TestServer::start().await;
    let client = server.client();
    client.sign_up_fresh_user().await;
    // Move the sign-in time of the stored session 8 days into the past.
    let rows: Vec<(String, Vec<u8>)> = app::db::query_as("SELECT id, data FROM sessions")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let (id, data) = &rows[0];
    let mut record: tower_sessions::session::Record = rmp_serde::from_slice(data).unwrap();
    let eight_days_ago = chrono::Utc::now().timestamp() - 8 * 24 * 3600;
    record
        .data
        .insert("signed_in_at".into(), Value::from(eight_days_ago));
    app::db::query("UPDATE sessions SET data = $1 WHERE id = $2")
        .bind(rmp_serde::to_vec(&record).unwrap())
        .bind(id)
        .execute(&server.pool)
        .await
        .unwrap();

    assert_eq!(client.whoami().await, Value::Null);
}

#[tokio::test]
async fn a_server_function_refuses_a_caller_who_is_not_signed_in() {
    let server = TestServer::start().await;
    let response = server
        .client()
        .call("create_account", &[("name", "Acme")])
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body, Value::String("Unauthenticated".into()));
    let accounts: i64 = app::db::query_scalar("SELECT count(*) FROM accounts")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(accounts, 0);
}

#[tokio::test]
async fn a_signed_in_user_creates_an_account_and_owns_it() {
    let server = TestServer::start().await;
    let client = server.client();
    client.sign_up_fresh_user().await;
    let response = client
        .call("create_account", &[("name", "  Acme Corp ")])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let id: String = response.json().await.unwrap();
    let page = client.get(&format!("/accounts/{id}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Acme Corp"));
    assert!(html.contains("Owner"));
}

#[tokio::test]
async fn an_account_page_is_not_found_for_someone_who_is_not_a_member() {
    let server = TestServer::start().await;
    let owner = server.client();
    owner.sign_up_fresh_user().await;
    let id: String = owner
        .call("create_account", &[("name", "Private")])
        .await
        .json()
        .await
        .unwrap();

    let outsider = server.client();
    outsider.sign_up_fresh_user().await;
    let page = outsider.get(&format!("/accounts/{id}")).await;
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert!(!page.text().await.unwrap().contains("Private"));
}

fn cookie_value(set_cookie: &str) -> &str {
    set_cookie.split(';').next().unwrap_or_default()
}

fn attributes(set_cookie: &str) -> Vec<String> {
    set_cookie
        .split(';')
        .skip(1)
        .map(|a| a.trim().to_ascii_lowercase())
        .collect()
}

#[tokio::test]
async fn one_client_makes_only_so_many_sign_ups_an_hour() {
    let server =
        crate::support::TestServer::start_with(|config| config.sign_ups_per_client_hour = 3).await;
    for _ in 0..3 {
        server.client().sign_up_fresh_user().await;
    }
    let email = crate::support::unique_email();
    let refused = server
        .client()
        .sign_up(&email, crate::support::PASSWORD)
        .await;
    assert_eq!(refused.status(), reqwest::StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(
        server
            .count("SELECT count(*) FROM users WHERE email = $1", &email)
            .await,
        0,
        "no user, and no mail"
    );
}

#[tokio::test]
async fn a_user_belongs_to_at_most_the_accounts_the_cap_allows() {
    let server =
        crate::support::TestServer::start_with(|config| config.accounts_per_user = 2).await;
    let (_, owner) = server.account("One of two").await;
    let second = owner
        .client
        .call("create_account", &[("name", "Two of two")])
        .await;
    assert_eq!(second.status(), reqwest::StatusCode::OK);
    let third = owner
        .client
        .call("create_account", &[("name", "Three")])
        .await;
    assert_eq!(third.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(third.text().await.unwrap().contains("2 accounts"));
}
