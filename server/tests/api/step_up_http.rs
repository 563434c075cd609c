//! Step-up: a change that cannot be taken back asks a user with an authenticator app for a
//! second factor given within `--step-up-within-secs`, or a code with the change.

use crate::second_factor_http::enrol;
use crate::support::TestServer;
use reqwest::StatusCode;

#[tokio::test]
async fn a_second_factor_given_at_enrolment_is_fresh_for_the_step_up_time() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Fresh Co").await;
    enrol(&owner).await;
    let made = owner
        .client
        .call(
            "create_api_key",
            &[
                ("account_id", account.as_str()),
                ("name", "ci-bot"),
                ("lifetime_days", "30"),
                ("permissions[]", "read:users"),
            ],
        )
        .await;
    assert_eq!(made.status(), StatusCode::OK);
}

#[tokio::test]
async fn changes_that_cannot_be_taken_back_ask_for_a_second_factor_given_within_the_step_up_time() {
    // A window of nothing: every factor is stale at once, with no sleeping (a sleep shorter
    // than a busy machine's pause made this flaky).
    let server = TestServer::start_with(|config| config.step_up_within_secs = 0).await;
    let (account, owner) = server.account("Step-up Co").await;
    let heir = server.person().await;
    server.add_member(&account, &heir).await;
    let (mut app, _) = enrol(&owner).await;
    let create_key = |code: String| {
        let client = owner.client.clone();
        let account = account.clone();
        async move {
            client
                .call(
                    "create_api_key",
                    &[
                        ("account_id", account.as_str()),
                        ("name", "ci-bot"),
                        ("lifetime_days", "30"),
                        ("permissions[]", "read:users"),
                        ("second_factor_code", code.as_str()),
                    ],
                )
                .await
                .status()
        }
    };
    let stale = owner
        .client
        .call(
            "create_api_key",
            &[
                ("account_id", account.as_str()),
                ("name", "ci-bot"),
                ("lifetime_days", "30"),
                ("permissions[]", "read:users"),
            ],
        )
        .await;
    assert_eq!(stale.status(), StatusCode::FORBIDDEN);
    assert!(stale.text().await.unwrap().contains("StepUpRequired"));
    assert_eq!(create_key("000000".into()).await, StatusCode::CONFLICT);
    assert_eq!(create_key(app.code()).await, StatusCode::OK);
    for (function, form) in [
        (
            "transfer_ownership",
            vec![
                ("account_id", account.as_str()),
                ("user_id", heir.user_id.as_str()),
                ("confirm", "transfer"),
            ],
        ),
        (
            "delete_account",
            vec![
                ("account_id", account.as_str()),
                ("confirm_name", "Step-up Co"),
            ],
        ),
        (
            "require_second_factor",
            vec![("account_id", account.as_str()), ("required", "true")],
        ),
    ] {
        let refused = owner.client.call(function, &form).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{function}");
        assert!(refused.text().await.unwrap().contains("StepUpRequired"));
    }
    assert_eq!(
        server
            .count("SELECT count(*) FROM accounts WHERE id = $1", &account)
            .await,
        1,
        "nothing was deleted"
    );
    // A member without a second factor is never asked.
    let (other, plain_owner) = server.account("No factor Co").await;
    let made = plain_owner
        .client
        .call(
            "create_api_key",
            &[
                ("account_id", other.as_str()),
                ("name", "ci-bot"),
                ("lifetime_days", "30"),
                ("permissions[]", "read:users"),
            ],
        )
        .await;
    assert_eq!(made.status(), StatusCode::OK);
}
