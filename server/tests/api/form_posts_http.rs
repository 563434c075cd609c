//! Plain form posts, as a browser without JavaScript sends them: a refusal sends the browser
//! back to the form with what was typed (never a password), scrolled to the form.

use crate::support::{ApiClient, TestServer, same_origin_headers, unique_email};
use reqwest::StatusCode;
use reqwest::header::{HeaderValue, LOCATION};

/// Posts `form` to `/api/<name>` the way a `<form method="post">` on `page` does.
async fn post_from_page(
    client: &ApiClient,
    page: &str,
    name: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut headers = same_origin_headers(&client.base_url);
    headers.insert("accept", HeaderValue::from_static("text/html,*/*;q=0.8"));
    let referer = format!("{}{page}", client.base_url);
    headers.insert("referer", HeaderValue::from_str(&referer).unwrap());
    client.call_with_headers(name, form, headers).await
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(LOCATION)
        .expect("a redirect")
        .to_str()
        .unwrap()
        .to_owned()
}

fn typed_fields(location: &str) -> Vec<(String, String)> {
    let url = reqwest::Url::parse(location).unwrap();
    let typed = url
        .query_pairs()
        .find(|(key, _)| key == "__typed")
        .map(|(_, value)| value.into_owned())
        .expect("the typed fields ride along");
    form_urlencoded::parse(typed.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[tokio::test]
async fn a_refused_sign_in_comes_back_with_the_address_but_never_the_password() {
    let server = TestServer::start().await;
    let client = server.client();
    let email = unique_email();
    let refused = post_from_page(
        &client,
        "/sign-in",
        "sign_in",
        &[
            ("email", &email),
            ("password", "not-the-password-42"),
            ("next", ""),
        ],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FOUND);
    let back = location(&refused);
    assert!(back.ends_with("#form-sign_in"), "{back}");
    assert!(!back.contains("not-the-password"), "{back}");
    let typed = typed_fields(&back);
    assert!(typed.contains(&("email".to_owned(), email.clone())));
    assert!(typed.iter().all(|(key, _)| key != "password"));

    let page = client
        .get(back.strip_prefix(&client.base_url).unwrap())
        .await;
    let html = page.text().await.unwrap();
    assert!(html.contains(&format!("value=\"{email}\"")));
    assert!(html.contains("id=\"form-sign_in\""));
}

#[tokio::test]
async fn a_refused_invite_keeps_the_typed_addresses_in_the_form() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Typed Co").await;
    let page = format!("/accounts/{account}");
    let typed: Vec<String> = (0..101).map(|i| format!("p{i}@example.test")).collect();
    let typed = typed.join("\n");
    let refused = post_from_page(
        &owner.client,
        &page,
        "invite_users",
        &[
            ("account_id", &account),
            ("return_to", &page),
            ("emails", &typed),
            ("roles[]", ""),
        ],
    )
    .await;
    let back = location(&refused);
    assert!(back.ends_with("#form-invite_users"), "{back}");
    let shown = owner
        .client
        .get(back.strip_prefix(&owner.client.base_url).unwrap())
        .await
        .text()
        .await
        .unwrap();
    assert!(shown.contains("Invite at most 100 addresses at once."));
    assert!(shown.contains(&format!(">{typed}</textarea>")));
}

#[tokio::test]
async fn a_refusal_after_a_refusal_shows_only_the_latest_error_and_values() {
    let server = TestServer::start().await;
    let (_account, owner) = server.account("Twice Co").await;
    let long = "x".repeat(101);
    let first = post_from_page(&owner.client, "/", "create_account", &[("name", &long)]).await;
    let first_back = location(&first);
    let second_page = first_back
        .strip_prefix(&owner.client.base_url)
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_owned();
    let second = post_from_page(
        &owner.client,
        &second_page,
        "create_account",
        &[("name", &"y".repeat(101))],
    )
    .await;
    let back = location(&second);
    let url = reqwest::Url::parse(&back).unwrap();
    assert_eq!(url.query_pairs().filter(|(k, _)| k == "__err").count(), 1);
    assert_eq!(typed_fields(&back), [("name".to_owned(), "y".repeat(101))]);
}

#[tokio::test]
async fn a_successful_post_leaves_no_typed_values_in_the_address() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Clean Co").await;
    let page = format!("/accounts/{account}?__typed=emails%3Dold%40example.test");
    let sent = post_from_page(
        &owner.client,
        &page,
        "invite_users",
        &[
            ("account_id", &account),
            ("return_to", &page),
            ("emails", "new@example.test"),
            ("roles[]", ""),
        ],
    )
    .await;
    let back = location(&sent);
    assert!(!back.contains("__typed"), "{back}");
    assert!(back.ends_with("#invite-results"), "{back}");
}

#[tokio::test]
async fn a_crafted_refusal_address_fills_no_form_and_shows_no_message() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Crafted Co").await;
    let attacker = server.person().await;
    // The attacker's own refusal, sealed for the attacker's browser: it must not work in the
    // owner's.
    let refused = post_from_page(
        &attacker.client,
        "/",
        "create_account",
        &[("name", &"z".repeat(101))],
    )
    .await;
    let theirs = location(&refused);
    let theirs = theirs
        .strip_prefix(&attacker.client.base_url)
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_owned();
    assert!(theirs.contains("__seal="), "{theirs}");
    let own_view = attacker.client.get(&theirs).await;
    assert_eq!(
        own_view.status(),
        StatusCode::OK,
        "the refused browser sees it"
    );

    let hand_made = format!(
        "/accounts/{account}?tab=webhooks&__path=%2Fapi%2Finvite_users&__err=x&__typed={}",
        "emails%3Dattacker%2540evil.test%26roles%255B%255D%3DAdmin"
    );
    for crafted in [theirs.clone(), hand_made] {
        let answer = owner.client.get(&crafted).await;
        assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{crafted}");
        let cleaned = location(&answer);
        assert!(!cleaned.contains("__"), "{cleaned}");
        let page = owner.client.get(&cleaned).await.text().await.unwrap();
        assert!(!page.contains("attacker@evil.test"));
        assert!(!page.contains(&"z".repeat(101)));
    }
    let kept = location(
        &owner
            .client
            .get(&format!("/accounts/{account}?tab=webhooks&__err=x"))
            .await,
    );
    assert_eq!(kept, format!("/accounts/{account}?tab=webhooks"));
}
