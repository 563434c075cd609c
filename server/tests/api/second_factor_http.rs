//! Second factors over HTTP: an authenticator app enrolled from the profile, the second step of
//! a sign-in, recovery codes, removal, and the ways around it that must not exist.

use crate::support::{ApiClient, PASSWORD, TestServer};
use crate::world::Person;
use app::second_factor::totp::{DIGITS, STEP_SECS, TotpSecret, step_at};
use reqwest::StatusCode;

/// The test's own authenticator app: it holds the secret the profile showed and makes the
/// codes, a new step each time (a code is taken once, and so is every older one).
pub struct App {
    secret: TotpSecret,
    last_step: i64,
}

impl App {
    /// The next code Roster has not taken, of a step that stays in Roster's window until the
    /// request arrives: the previous step only early in the current one (it leaves the window
    /// at the next turn), else now or the next. With all three used, it waits for the turn.
    pub fn code(&mut self) -> String {
        loop {
            let unix = chrono::Utc::now().timestamp();
            let now = step_at(unix);
            let into_step = unix - now * STEP_SECS;
            let earliest = if into_step < STEP_SECS - 5 {
                now - 1
            } else {
                now
            };
            let step = (self.last_step + 1).max(earliest);
            if step <= now + 1 {
                self.last_step = step;
                return self.secret.code_at(step, DIGITS);
            }
            std::thread::sleep(std::time::Duration::from_secs(
                u64::try_from(STEP_SECS - into_step).unwrap_or(1),
            ));
        }
    }

    /// A code of the same step as the last one given: Roster refuses it as a replay.
    pub fn last_code_again(&self) -> String {
        self.secret.code_at(self.last_step, DIGITS)
    }
}

async fn profile(client: &ApiClient) -> serde_json::Value {
    client.call("my_profile", &[]).await.json().await.unwrap()
}

/// Enrols an authenticator app for `person` as the profile does; returns the app and the ten
/// recovery codes shown once.
pub async fn enrol(person: &Person) -> (App, Vec<String>) {
    let started = person.client.call("start_authenticator", &[]).await;
    assert_eq!(started.status(), StatusCode::OK);
    let shown =
        profile(&person.client).await["second_factors"]["authenticator"]["Enrolling"].clone();
    let secret = shown["secret"].as_str().unwrap().replace(' ', "");
    assert!(shown["qr_svg"].as_str().unwrap().starts_with("<svg"));
    let mut app = App {
        secret: TotpSecret::from_base32(&secret).expect("a base32 key"),
        last_step: i64::MIN / 2,
    };
    let confirmed = person
        .client
        .call("confirm_authenticator", &[("code", &app.code())])
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let factors = profile(&person.client).await["second_factors"].clone();
    assert!(factors["authenticator"]["On"].is_object(), "{factors}");
    let codes: Vec<String> = serde_json::from_value(factors["new_recovery_codes"].clone()).unwrap();
    assert_eq!(codes.len(), 10);
    (app, codes)
}

/// A new browser that typed the right password: held at the second step.
async fn past_the_password(server: &TestServer, email: &str) -> ApiClient {
    let browser = server.client();
    let answered = browser
        .call("sign_in", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(answered.status(), StatusCode::OK);
    browser
}

async fn waits(browser: &ApiClient) -> bool {
    let offer: serde_json::Value = browser
        .call("second_step_waits", &[])
        .await
        .json()
        .await
        .unwrap();
    !offer.is_null()
}

#[tokio::test]
async fn once_an_authenticator_is_added_a_password_alone_signs_nobody_in() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let (mut app, _) = enrol(&me).await;
    let secret_column: String =
        app::db::query_scalar("SELECT secret FROM authenticator_apps WHERE user_id = $1")
            .bind(&me.user_id)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    let again = profile(&me.client).await["second_factors"].clone();
    assert!(
        !again.to_string().contains(&secret_column),
        "a confirmed key is never shown again"
    );
    assert_eq!(
        again["new_recovery_codes"],
        serde_json::json!([]),
        "codes shown once"
    );

    let browser = past_the_password(&server, &me.email).await;
    assert_eq!(browser.whoami().await, serde_json::Value::Null);
    assert!(waits(&browser).await);
    let refused = browser.call("my_profile", &[]).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);

    let wrong = browser
        .call("sign_in_with_code", &[("code", "000000")])
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(browser.whoami().await, serde_json::Value::Null);

    let right = browser
        .call("sign_in_with_code", &[("code", &app.code())])
        .await;
    assert_eq!(right.status(), StatusCode::OK);
    assert_eq!(browser.whoami().await["email"], me.email.as_str());
    let sessions = profile(&browser).await["sessions"].clone();
    let here = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|session| session["current"] == true)
        .unwrap()
        .clone();
    assert_eq!(here["factors"], "pwd otp");
    assert!(!waits(&browser).await, "the held sign-in is used up");
}

#[tokio::test]
async fn a_code_is_taken_once_even_by_two_sign_ins_at_the_same_moment() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let (mut app, _) = enrol(&me).await;
    let first = past_the_password(&server, &me.email).await;
    let second = past_the_password(&server, &me.email).await;
    let code = app.code();
    let form = [("code", code.as_str())];
    let (a, b) = tokio::join!(
        first.call("sign_in_with_code", &form),
        second.call("sign_in_with_code", &form),
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY]);

    // The same code later, from a third browser, is a replay too.
    let third = past_the_password(&server, &me.email).await;
    let replay = third
        .call("sign_in_with_code", &[("code", &app.last_code_again())])
        .await;
    assert_eq!(replay.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(third.whoami().await, serde_json::Value::Null);
}

#[tokio::test]
async fn a_recovery_code_signs_in_once_and_is_audited_and_mailed() {
    let server = TestServer::start().await;
    let (account, owner) = server.account("Recovery Co").await;
    let (_, codes) = enrol(&owner).await;
    let browser = past_the_password(&server, &owner.email).await;
    let typed = codes[3].to_uppercase().replace('-', " ");
    let used = browser
        .call("sign_in_with_recovery_code", &[("recovery_code", &typed)])
        .await;
    assert_eq!(used.status(), StatusCode::OK);
    assert_eq!(browser.whoami().await["email"], owner.email.as_str());
    assert_eq!(
        profile(&browser).await["second_factors"]["recovery_codes_left"],
        9
    );
    let mail = server.wait_for_mail(&owner.email, 2).await;
    assert!(
        mail.raw.contains("A recovery code was used"),
        "{}",
        mail.raw
    );
    assert!(mail.raw.contains("You have 9 recovery codes left."));
    assert_eq!(
        server
            .count(
                "SELECT count(*) FROM audit_events WHERE action = 'user.recovery_code_used' AND account_id = $1",
                &account
            )
            .await,
        1
    );

    let again = past_the_password(&server, &owner.email).await;
    let refused = again
        .call(
            "sign_in_with_recovery_code",
            &[("recovery_code", &codes[3])],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.whoami().await, serde_json::Value::Null);
}

#[tokio::test]
async fn new_recovery_codes_void_the_old_ones() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let (mut app, old) = enrol(&me).await;
    let made = me
        .client
        .call("make_recovery_codes", &[("code", &app.code())])
        .await;
    assert_eq!(made.status(), StatusCode::OK);
    let new: Vec<String> = serde_json::from_value(
        profile(&me.client).await["second_factors"]["new_recovery_codes"].clone(),
    )
    .unwrap();
    assert_eq!(new.len(), 10);
    assert!(new.iter().all(|code| !old.contains(code)));
    let browser = past_the_password(&server, &me.email).await;
    let refused = browser
        .call("sign_in_with_recovery_code", &[("recovery_code", &old[0])])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let used = browser
        .call("sign_in_with_recovery_code", &[("recovery_code", &new[0])])
        .await;
    assert_eq!(used.status(), StatusCode::OK);
}

#[tokio::test]
async fn removing_the_authenticator_needs_the_password_and_a_current_code() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let (mut app, _) = enrol(&me).await;
    let no_code = me
        .client
        .call(
            "remove_authenticator",
            &[("current_password", PASSWORD), ("code", "123456")],
        )
        .await;
    assert_eq!(no_code.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let no_password = me
        .client
        .call(
            "remove_authenticator",
            &[
                ("current_password", "not my password"),
                ("code", &app.code()),
            ],
        )
        .await;
    assert_eq!(no_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(profile(&me.client).await["second_factors"]["authenticator"]["On"].is_object());

    let removed = me
        .client
        .call(
            "remove_authenticator",
            &[("current_password", PASSWORD), ("code", &app.code())],
        )
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
    assert_eq!(
        profile(&me.client).await["second_factors"]["authenticator"],
        "Off"
    );
    let browser = past_the_password(&server, &me.email).await;
    assert_eq!(browser.whoami().await["email"], me.email.as_str());
}

#[tokio::test]
async fn a_password_reset_link_does_not_skip_the_second_factor() {
    let server = TestServer::start().await;
    let me = server.person().await;
    let (mut app, _) = enrol(&me).await;
    let stranger = server.client();
    stranger
        .call("request_password_reset", &[("email", &me.email)])
        .await;
    let token = server.wait_for_link(&me.email, "/reset-password/", 1).await;
    let reset = stranger
        .call(
            "reset_password",
            &[("token", &token), ("new_password", "a completely new one")],
        )
        .await;
    assert_eq!(reset.status(), StatusCode::OK);
    assert_eq!(stranger.whoami().await, serde_json::Value::Null);
    assert!(waits(&stranger).await);
    let done = stranger
        .call("sign_in_with_code", &[("code", &app.code())])
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    let sessions = profile(&stranger).await["sessions"].clone();
    assert_eq!(sessions[0]["factors"], "email otp");
}

#[tokio::test]
async fn a_held_sign_in_expires() {
    let server = TestServer::start_with(|config| {
        config.second_factor_within_secs = 1;
    })
    .await;
    let me = server.person().await;
    let (mut app, _) = enrol(&me).await;
    let browser = past_the_password(&server, &me.email).await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let late = browser
        .call("sign_in_with_code", &[("code", &app.code())])
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert_eq!(browser.whoami().await, serde_json::Value::Null);
}

#[tokio::test]
async fn code_guesses_are_throttled() {
    // The held sign-in keeps its default lifetime here: on a busy machine four
    // guesses can take longer than the one second the test above uses.
    let server = TestServer::start_with(|config| config.sign_in_attempts_per_address = 3).await;
    let me = server.person().await;
    enrol(&me).await;
    let guesser = past_the_password(&server, &me.email).await;
    let mut statuses = Vec::new();
    for guess in ["111111", "222222", "333333", "444444"] {
        statuses.push(
            guesser
                .call("sign_in_with_code", &[("code", guess)])
                .await
                .status(),
        );
    }
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn an_enrolment_is_finished_only_by_a_current_code() {
    let server = TestServer::start().await;
    let me = server.person().await;
    me.client.call("start_authenticator", &[]).await;
    let wrong = me
        .client
        .call("confirm_authenticator", &[("code", "12345")])
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(profile(&me.client).await["second_factors"]["authenticator"]["Enrolling"].is_object());
    // Unfinished, it asks nothing at sign-in.
    let browser = past_the_password(&server, &me.email).await;
    assert_eq!(browser.whoami().await["email"], me.email.as_str());
    let cancelled = me.client.call("cancel_authenticator", &[]).await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    assert_eq!(
        profile(&me.client).await["second_factors"]["authenticator"],
        "Off"
    );
}
