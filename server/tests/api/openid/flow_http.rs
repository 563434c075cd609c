//! The authorization code flow: the picker, consent, PKCE, and what the tokens say.

use super::*;
use reqwest::StatusCode;

#[tokio::test]
async fn a_product_reads_the_members_account_roles_and_permissions_from_a_verified_token() {
    let provider = Provider::start().await;
    let server = &provider.server;
    let (account, owner) = server.account("Clusters Co").await;
    let member = server
        .member_with(&account, &[app::permissions::Permission::WriteInvites])
        .await;
    let tokens = provider.tokens_for(&member, &account).await;
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 300);
    let access = provider
        .verified(tokens["access_token"].as_str().unwrap())
        .await;
    assert_eq!(access["sub"], member.user_id.as_str());
    assert_eq!(access["account_id"], account.as_str());
    assert_eq!(access["account_name"], "Clusters Co");
    let roles = access["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 2, "{roles:?}");
    assert!(roles.contains(&"Base".into()));
    let permissions = access["permissions"].as_array().unwrap();
    assert!(
        permissions.contains(&"write:invites".into()),
        "{permissions:?}"
    );
    assert!(
        permissions.contains(&"read:invites".into()),
        "a write brings its read"
    );
    assert!(!permissions.contains(&"delete:users".into()));
    assert_eq!(access["amr"], serde_json::json!(["pwd"]));
    assert!(access["auth_time"].as_i64().unwrap() > 0);
    let header = jsonwebtoken::decode_header(tokens["access_token"].as_str().unwrap()).unwrap();
    assert_eq!(header.typ.as_deref(), Some("at+jwt"));
    assert_eq!(header.alg, jsonwebtoken::Algorithm::ES256);

    let id = provider
        .verified(tokens["id_token"].as_str().unwrap())
        .await;
    assert_eq!(id["nonce"], "the-nonce");
    assert_eq!(id["email"], member.email.as_str());
    assert_eq!(id["email_verified"], false);
    assert_eq!(id["name"], "Test Person");
    assert_eq!(id["accounts"][0]["id"], account.as_str());
    assert_eq!(id["accounts"][0]["name"], "Clusters Co");

    let info: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/oauth/userinfo", server.base_url))
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["sub"], member.user_id.as_str());
    assert_eq!(info["accounts"][0]["roles"].as_array().unwrap().len(), 2);
    let active = provider
        .introspect(tokens["access_token"].as_str().unwrap())
        .await;
    assert_eq!(active["active"], true);
    assert_eq!(active["account_id"], account.as_str());
    // One audit event for the sign-in, none per refresh.
    provider
        .refresh(tokens["refresh_token"].as_str().unwrap())
        .await;
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM audit_events WHERE action = 'client.signed_in' AND account_id = $1",
                &account,
            )
            .await,
        1
    );
    drop(owner);
}

#[tokio::test]
async fn a_member_of_several_accounts_picks_one_and_a_third_party_product_asks_consent_once() {
    let provider = Provider::start().await;
    let server = &provider.server;
    let (first, person) = server.account("First <b>Co</b>").await;
    let second: String = person
        .client
        .call("create_account", &[("name", "Second Co")])
        .await
        .json()
        .await
        .unwrap();
    let asked = provider.authorize(&person.client, "third", &[]).await;
    let to = location(&asked);
    let query = to
        .strip_prefix("/oauth/decide?")
        .expect("the picker")
        .to_owned();
    let page = person.client.get(&to).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("First &lt;b&gt;Co&lt;/b&gt;"),
        "account names are escaped"
    );
    assert!(html.contains("Second Co"));
    assert!(
        html.contains("Third &lt;script&gt;"),
        "the product's name is escaped"
    );
    assert!(!html.contains("<script>alert(1)"));
    assert!(
        html.contains("your email address"),
        "consent says what the product learns"
    );
    let declined = provider
        .decide(&person.client, &query, Some(&second), "deny")
        .await;
    assert_eq!(query_of(&location(&declined))["error"], "access_denied");
    let allowed = provider
        .decide(&person.client, &query, Some(&second), "allow")
        .await;
    let redirect = location(&allowed);
    assert_eq!(query_of(&redirect)["state"], "the-state");
    assert_eq!(
        query_of(&redirect)["iss"],
        server.state.oauth.issuer.as_str()
    );
    let code = code_in(&redirect);
    let tokens: serde_json::Value = provider
        .exchange_as("third", &code)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        claims_of(tokens["access_token"].as_str().unwrap())["account_id"],
        second.as_str()
    );
    // Consent is remembered: naming the account now goes straight back to the product.
    let again = provider
        .authorize(&person.client, "third", &[("account_id", &first)])
        .await;
    code_in(&location(&again));
    // prompt=consent asks again; prompt=none cannot pick for them.
    let consent = provider
        .authorize(
            &person.client,
            "third",
            &[("account_id", &first), ("prompt", "consent")],
        )
        .await;
    assert!(location(&consent).starts_with("/oauth/decide?"));
    let none = provider
        .authorize(&person.client, "third", &[("prompt", "none")])
        .await;
    assert_eq!(
        query_of(&location(&none))["error"],
        "account_selection_required"
    );
}

#[tokio::test]
async fn without_a_session_the_browser_signs_in_first_or_prompt_none_says_login_required() {
    let provider = Provider::start().await;
    let stranger = provider.server.client();
    let first = provider.authorize(&stranger, "app", &[]).await;
    let to = location(&first);
    assert!(
        to.starts_with("/sign-in?next=%2Foauth%2Fauthorize%3F"),
        "{to}"
    );
    let none = provider
        .authorize(&stranger, "app", &[("prompt", "none")])
        .await;
    let back = query_of(&location(&none));
    assert_eq!(back["error"], "login_required");
    assert_eq!(back["state"], "the-state");
    // prompt=login sends even a signed-in person to sign in again, once.
    let (account, owner) = provider.server.account("Login Co").await;
    let login = provider
        .authorize(
            &owner.client,
            "app",
            &[("prompt", "login"), ("account_id", &account)],
        )
        .await;
    let next = query_of(&location(&login))["next"].clone();
    assert!(next.contains("login_after="), "{next}");
    let signed_in = owner
        .client
        .call(
            "sign_in",
            &[
                ("email", &owner.email),
                ("password", crate::support::PASSWORD),
                ("next", &next),
            ],
        )
        .await;
    assert!(signed_in.status().is_success() || signed_in.status().is_redirection());
    let back = owner.client.get(&next).await;
    code_in(&location(&back));
}

#[tokio::test]
async fn an_unknown_product_or_unregistered_redirect_is_shown_here_and_never_redirected() {
    let provider = Provider::start().await;
    let (_, owner) = provider.server.account("Shown Co").await;
    for (query, reason) in [
        (Provider::authorize_query("nobody", &[]), "unknown_client"),
        (
            Provider::authorize_query("app", &[]).replace("127.0.0.1%3A9", "evil.example"),
            "unregistered_redirect",
        ),
        ("client_id=app&client_id=app".to_owned(), "malformed"),
    ] {
        let answer = owner.client.get(&format!("/oauth/authorize?{query}")).await;
        assert_eq!(location(&answer), format!("/oauth/problem?reason={reason}"));
    }
    let page = owner
        .client
        .get("/oauth/problem?reason=unregistered_redirect")
        .await;
    assert!(page.text().await.unwrap().contains("did not register"));
    // With the product known and its redirect registered, errors go back to it.
    let no_pkce = owner
        .client
        .get(&format!(
            "/oauth/authorize?response_type=code&client_id=app&redirect_uri={}&scope=openid&state=s",
            form_urlencoded::byte_serialize(REDIRECT.as_bytes()).collect::<String>()
        ))
        .await;
    let back = query_of(&location(&no_pkce));
    assert_eq!(back["error"], "invalid_request");
    assert!(back["error_description"].contains("PKCE"));
}

#[tokio::test]
async fn an_account_the_person_does_not_belong_to_is_refused() {
    let provider = Provider::start().await;
    let (theirs, _) = provider.server.account("Not Yours").await;
    let (_, person) = provider.server.account("Yours").await;
    let answer = provider
        .authorize(&person.client, "app", &[("account_id", &theirs)])
        .await;
    assert_eq!(query_of(&location(&answer))["error"], "access_denied");
}

#[tokio::test]
async fn the_token_endpoint_refuses_a_wrong_secret_verifier_redirect_or_client() {
    let provider = Provider::start().await;
    let (account, owner) = provider.server.account("Refusing Co").await;
    let code = provider
        .code_for(&owner, "app", &[("account_id", &account)])
        .await;
    let wrong_secret = reqwest::Client::new()
        .post(format!("{}/oauth/token", provider.server.base_url))
        .basic_auth("app", Some("rcs_wrong"))
        .form(&[("grant_type", "authorization_code"), ("code", &code)])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_secret.status(), StatusCode::UNAUTHORIZED);
    assert!(wrong_secret.headers().contains_key("www-authenticate"));
    let body: serde_json::Value = wrong_secret.json().await.unwrap();
    assert_eq!(body["error"], "invalid_client");
    for (name, form) in [
        ("a wrong verifier", vec![("code_verifier", "x".repeat(43))]),
        ("no verifier", vec![]),
        (
            "another redirect",
            vec![
                ("code_verifier", VERIFIER.to_owned()),
                ("redirect_uri", "http://127.0.0.1:9/other".to_owned()),
            ],
        ),
    ] {
        let code = provider
            .code_for(&owner, "app", &[("account_id", &account)])
            .await;
        let mut fields = vec![
            ("grant_type", "authorization_code".to_owned()),
            ("code", code),
        ];
        if !form.iter().any(|(key, _)| *key == "redirect_uri") {
            fields.push(("redirect_uri", REDIRECT.to_owned()));
        }
        fields.extend(form);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let answer = provider.post_as("app", "/oauth/token", &fields).await;
        assert_eq!(answer.status(), StatusCode::BAD_REQUEST, "{name}");
        let body: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(body["error"], "invalid_grant", "{name}");
    }
    // A code made for `app` is worth nothing to `third`.
    let code = provider
        .code_for(&owner, "app", &[("account_id", &account)])
        .await;
    let other = provider.exchange_as("third", &code).await;
    assert_eq!(other.status(), StatusCode::BAD_REQUEST);
    let unsupported = provider
        .post_as("app", "/oauth/token", &[("grant_type", "password")])
        .await;
    let body: serde_json::Value = unsupported.json().await.unwrap();
    assert_eq!(body["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn a_code_used_twice_ends_the_grant_it_was_exchanged_for() {
    let provider = Provider::start().await;
    let (account, owner) = provider.server.account("Twice Co").await;
    let code = provider
        .code_for(&owner, "app", &[("account_id", &account)])
        .await;
    let first = provider.exchange(&code).await;
    assert_eq!(first.status(), StatusCode::OK);
    let tokens: serde_json::Value = first.json().await.unwrap();
    let second = provider.exchange(&code).await;
    assert_eq!(second.status(), StatusCode::BAD_REQUEST);
    let refreshed = provider
        .refresh(tokens["refresh_token"].as_str().unwrap())
        .await;
    assert_eq!(
        refreshed.status(),
        StatusCode::BAD_REQUEST,
        "the grant ended"
    );
    let introspected = provider
        .introspect(tokens["access_token"].as_str().unwrap())
        .await;
    assert_eq!(introspected["active"], false);
}

#[tokio::test]
async fn an_expired_code_is_refused() {
    let provider =
        Provider::start_with(|config| config.authorization_code_lifetime_secs = 1, None).await;
    let (account, owner) = provider.server.account("Slow Co").await;
    let code = provider
        .code_for(&owner, "app", &[("account_id", &account)])
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let late = provider.exchange(&code).await;
    let body: serde_json::Value = late.json().await.unwrap();
    assert_eq!(body["error"], "invalid_grant");
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
}

#[tokio::test]
async fn a_public_client_exchanges_with_pkce_alone_and_discovery_names_every_endpoint() {
    let provider = Provider::start().await;
    let (account, owner) = provider.server.account("Public Co").await;
    let code = provider
        .code_for(&owner, "spa", &[("account_id", &account)])
        .await;
    let answer = reqwest::Client::new()
        .post(format!("{}/oauth/token", provider.server.base_url))
        .header("origin", "https://spa.example")
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", "spa"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let discovery: serde_json::Value = reqwest::get(format!(
        "{}/.well-known/openid-configuration",
        provider.server.base_url
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let issuer = discovery["issuer"].as_str().unwrap();
    for endpoint in [
        "authorization_endpoint",
        "token_endpoint",
        "userinfo_endpoint",
        "jwks_uri",
        "revocation_endpoint",
        "introspection_endpoint",
        "end_session_endpoint",
    ] {
        assert!(
            discovery[endpoint].as_str().unwrap().starts_with(issuer),
            "{endpoint}"
        );
    }
    assert_eq!(
        discovery["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    let jwks = reqwest::get(format!("{}/oauth/jwks", provider.server.base_url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!jwks.contains("\"d\""), "no private key is published");
}
