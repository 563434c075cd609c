//! Key rotation: the next key is published before it signs, and the previous key verifies the
//! tokens it signed until they expire.

use super::*;

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
    let lead = std::time::Duration::from_secs(2);
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
        .unwrap();
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
