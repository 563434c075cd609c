//! Key rotation: the next key is published before it signs, and the previous key verifies the
//! tokens it signed until they expire.

use super::*;

/// The published ES256 keys' ids (the RS256 keys rotate beside them).
async fn kids(provider: &Provider) -> Vec<String> {
    let jwks: serde_json::Value = reqwest::get(format!("{}/oauth/jwks", provider.server.base_url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|key| key["kty"] == "EC")
        .map(|key| key["kid"].as_str().unwrap().to_owned())
        .collect()
}

fn kid_of(token: &serde_json::Value) -> String {
    jsonwebtoken::decode_header(token["access_token"].as_str().unwrap())
        .unwrap()
        .kid
        .unwrap()
}

#[tokio::test]
async fn a_rotated_key_is_published_before_it_signs_and_the_old_one_verifies_its_tokens_until_they_expire()
 {
    // Long enough that a busy machine still makes the "meanwhile" token before the key starts.
    let lead = std::time::Duration::from_secs(6);
    let provider = Provider::start_with(
        |config| config.signing_key_published_before_secs = lead.as_secs(),
        None,
    )
    .await;
    let (account, owner) = provider.server.account("Keys Co").await;
    let before = provider.tokens_for(&owner, &account).await;
    let old = kid_of(&before);
    assert_eq!(kids(&provider).await, vec![old.clone()]);
    let (next, _) = app::oauth::keys::rotate(&provider.server.state.writer, lead)
        .await
        .unwrap()
        .remove(0);
    provider.server.state.oauth.keys.forget().await;
    assert_eq!(
        kids(&provider).await,
        vec![old.clone(), next.clone()],
        "published at once"
    );
    let meanwhile = provider.tokens_for(&owner, &account).await;
    assert_eq!(kid_of(&meanwhile), old, "not signing yet");
    tokio::time::sleep(lead + std::time::Duration::from_millis(200)).await;
    let after = provider.tokens_for(&owner, &account).await;
    assert_eq!(kid_of(&after), next, "signing once its time came");
    // The old key stays published while its tokens may live, and still verifies them.
    assert!(kids(&provider).await.contains(&old));
    provider
        .verified(before["access_token"].as_str().unwrap())
        .await;
    provider
        .verified(after["access_token"].as_str().unwrap())
        .await;
}

#[tokio::test]
async fn a_product_that_asks_for_rs256_gets_tokens_signed_with_a_published_rsa_key() {
    let provider = Provider::start().await;
    let (account, owner) = provider.server.account("Legacy Co").await;
    let code = provider
        .code_for(&owner, "legacy", &[("account_id", &account)])
        .await;
    let tokens: serde_json::Value = provider
        .exchange_as("legacy", &code)
        .await
        .json()
        .await
        .unwrap();
    for name in ["access_token", "id_token"] {
        let token = tokens[name].as_str().unwrap();
        let header = jsonwebtoken::decode_header(token).unwrap();
        assert_eq!(header.alg, jsonwebtoken::Algorithm::RS256, "{name}");
        let claims = provider.verified_for(token, "legacy").await;
        assert_eq!(claims["sub"], owner.user_id.as_str());
    }
    let introspected = provider
        .post_as(
            "legacy",
            "/oauth/introspect",
            &[("token", tokens["access_token"].as_str().unwrap())],
        )
        .await;
    let body: serde_json::Value = introspected.json().await.unwrap();
    assert_eq!(body["active"], true);
}
