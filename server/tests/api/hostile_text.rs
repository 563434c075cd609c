//! Every answer carries the security headers; pages get their own strict policy; hostile text
//! stored through every field comes back escaped on every page that shows it.

use crate::support::{PASSWORD, TestServer, unique_email};
use reqwest::StatusCode;

#[tokio::test]
async fn answers_that_are_not_pages_allow_nothing_to_load_or_frame_them() {
    let server = TestServer::start().await;
    let response = server.client().call("whoami", &[]).await;
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert_eq!(response.headers()["x-frame-options"], "DENY");
    assert_eq!(response.headers()["referrer-policy"], "same-origin");
    assert_eq!(response.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn the_invitation_page_sends_no_referrer() {
    let server = TestServer::start().await;
    let response = server.client().get("/invitations/not-a-real-token").await;
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
}

/// Text an attacker would store: each breaks out of a different place in a page.
const HOSTILE_VALUES: &[&str] = &[
    "</title><script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "'><svg/onload=alert(3)>",
    "<!--<script>alert(4)</script>-->",
    "</textarea><script>alert(5)</script>",
    "<a href=\"javascript:alert(6)\">x</a>",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "\u{202E}txt.exe\u{202C} \u{200F}rtl",
];

/// What must never appear in a page: the markup the values above would inject if unescaped.
const INJECTED_MARKUP: &[&str] = &[
    "<script>alert(",
    "<img src=x",
    "<svg/onload",
    "<!--<script>",
    "</textarea><script>",
    "<a href=\"javascript:",
];

#[tokio::test]
async fn text_no_field_may_hold_is_refused_with_a_4xx_by_every_field() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Refusals").await;
    let role = server.custom_role(&account, "Editable", &[]).await;
    let megabyte = "a".repeat(1024 * 1024);
    let too_long = "x".repeat(301);
    for value in ["nul\0byte", "bell\u{7}", &too_long, &megabyte] {
        let email = unique_email();
        let mut calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
            (
                "sign_up",
                vec![
                    ("email", &email),
                    ("display_name", value),
                    ("password", PASSWORD),
                ],
            ),
            ("create_account", vec![("name", value)]),
            (
                "create_role",
                vec![("account_id", &account), ("name", value)],
            ),
            (
                "finish_passkey_registration",
                vec![("name", value), ("credential", "{}")],
            ),
            (
                "rename_role",
                vec![
                    ("account_id", &account),
                    ("role_id", &role),
                    ("name", value),
                ],
            ),
            (
                "rename_role",
                vec![
                    ("account_id", &account),
                    ("role_id", &role),
                    ("name", "Editable"),
                    ("description", value),
                ],
            ),
        ];
        // An address list answers per address; only text beyond its cap is refused whole.
        if value.len() > 64 * 1024 {
            calls.push((
                "invite_users",
                vec![("account_id", &account), ("emails", value)],
            ));
        }
        for (function, form) in calls {
            let client = if function == "sign_up" {
                server.client()
            } else {
                owner.client.clone()
            };
            let status = client.call(function, &form).await.status();
            let shown: String = value.chars().take(12).collect();
            assert!(
                status.is_client_error(),
                "{function} with {shown:?}… ({} bytes) answered {status}",
                value.len()
            );
        }
    }
}

fn assert_no_injected_markup(page: &str, body: &str, value: &str) {
    for markup in INJECTED_MARKUP {
        assert!(
            !body.contains(markup),
            "{page} shows {value:?} unescaped ({markup:?} is in the page)"
        );
    }
}

#[tokio::test]
async fn hostile_text_in_every_field_is_shown_escaped_on_every_page() {
    let server = TestServer::start().await;
    for value in HOSTILE_VALUES {
        // The owner's display name, the account's name, a role's name and description.
        let owner = server.client();
        let response = owner
            .call(
                "sign_up",
                &[
                    ("email", &unique_email()),
                    ("display_name", value),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert!(response.status().is_success(), "{}", response.status());
        let account: String = owner
            .call("create_account", &[("name", value)])
            .await
            .json()
            .await
            .unwrap();
        let role_response = owner
            .call(
                "create_role",
                &[
                    ("account_id", &account),
                    ("name", value),
                    ("description", value),
                    ("permissions[]", "read:users"),
                ],
            )
            .await;
        assert_eq!(role_response.status(), StatusCode::OK, "{value}");
        let role: String = role_response.json().await.unwrap();
        let invitee = server.client();
        let invitee_email = invitee.sign_up_fresh_user().await;
        let invited = owner
            .call(
                "invite_users",
                &[
                    ("account_id", &account),
                    ("emails", &invitee_email),
                    ("roles[]", &role),
                ],
            )
            .await;
        assert_eq!(invited.status(), StatusCode::OK);
        // Mail 1 is the invitee's verification link from sign-up.
        let mail = server.wait_for_mail(&invitee_email, 2).await;
        // The plain-text part holds the text as typed; the HTML part must hold it escaped.
        let html_start = mail
            .raw
            .find("<!DOCTYPE html>")
            .expect("the mail has an HTML part");
        let html_end = mail.raw[html_start..].find("</html>").unwrap() + html_start;
        let html_part = &mail.raw[html_start..html_end];
        assert_no_injected_markup("the invitation mail's HTML", html_part, value);
        let token = mail.invitation_token();

        // A passkey's name (registered through the browser's ceremony, written here directly).
        let owner_id = owner.whoami().await["id"].as_str().unwrap().to_owned();
        app::db::query(
            "INSERT INTO passkeys (id, user_id, name, credential_id, credential, created_at)
             VALUES ($1, $2, $3, $4, '{}', '2026-12-07T00:00:00.000Z')",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(&owner_id)
        .bind(value.chars().take(60).collect::<String>())
        .bind(uuid::Uuid::new_v4().as_bytes().repeat(2))
        .execute(&server.pool)
        .await
        .unwrap();
        let pages = [
            ("the profile", "/profile".to_owned()),
            ("the home page", "/".to_owned()),
            ("the account page", format!("/accounts/{account}")),
            ("the roles page", format!("/accounts/{account}/roles")),
            ("the role page", format!("/accounts/{account}/roles/{role}")),
            ("the audit log", format!("/accounts/{account}/audit")),
        ];
        for (page, path) in &pages {
            let response = owner.get(path).await;
            assert_eq!(response.status(), StatusCode::OK, "{page}");
            let body = response.text().await.unwrap();
            assert_no_injected_markup(page, &body, value);
        }
        let account_page = owner.get(&format!("/accounts/{account}")).await;
        let body = account_page.text().await.unwrap();
        let title = &body[body.find("<title>").unwrap()..body.find("</title>").unwrap()];
        assert!(
            !value.contains('<') || title.contains("&lt;"),
            "the account's title holds its name, escaped: {title}"
        );

        for (who, client) in [("the invitee", &invitee), ("a stranger", &server.client())] {
            let response = client.get(&format!("/invitations/{token}")).await;
            let body = response.text().await.unwrap();
            assert_no_injected_markup(&format!("the invitation page for {who}"), &body, value);
        }
        let banner = invitee.get("/").await.text().await.unwrap();
        assert_no_injected_markup("the invitee's banner", &banner, value);
        // The export holds the same text raw, so it must never be taken for a page.
        let csv = owner
            .get(&format!("/api/audit_log_csv?account_id={account}"))
            .await;
        assert!(
            csv.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        assert_eq!(csv.headers()["x-content-type-options"], "nosniff");
    }
}

#[tokio::test]
async fn every_page_policy_names_the_nonce_its_own_scripts_carry_even_under_load() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Nonces").await;
    let pages = [
        "/".to_owned(),
        format!("/accounts/{account}"),
        "/nowhere".to_owned(),
    ];
    let mut requests = tokio::task::JoinSet::new();
    for n in 0..48 {
        let path = pages[n % pages.len()].clone();
        let client = owner.client.clone();
        requests.spawn(async move {
            let response = client.get(&path).await;
            let policy = response.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_owned();
            let body = response.text().await.unwrap();
            (path, policy, body)
        });
    }
    for (path, policy, body) in requests.join_all().await {
        let start = body.find("nonce=\"").expect("the page has a nonced script") + 7;
        let nonce = &body[start..start + body[start..].find('"').unwrap()];
        assert!(
            policy.contains(&format!("'nonce-{nonce}'")),
            "{path}: the policy {policy:?} does not name the page's nonce {nonce}"
        );
    }
}
