//! Back-channel logout (OpenID Connect Back-Channel Logout 1.0): when a grant ends (its Roster
//! session ended, the member was removed, a refresh token was reused), the product that asked
//! for it receives a signed logout token by POST, from whichever server claims it first.

use app::oauth::OAuthSettings;
use app::oauth::tokens;
use app::server::AppState;
use std::time::Duration;

pub struct BackchannelWorker {
    pub state: AppState,
    pub timeout: Duration,
    pub attempts: u32,
    /// How often the worker looks for ended grants.
    pub poll: Duration,
}

impl BackchannelWorker {
    pub fn spawn(self) {
        tokio::spawn(async move {
            let client = match reqwest::Client::builder()
                .timeout(self.timeout)
                .redirect(reqwest::redirect::Policy::none())
                .build()
            {
                Ok(client) => client,
                Err(error) => {
                    tracing::error!(%error, "the back-channel logout client could not start");
                    return;
                }
            };
            loop {
                match self.deliver_one(&client).await {
                    Ok(true) => continue,
                    Ok(false) => {}
                    Err(error) => tracing::error!(%error, "back-channel logout failed"),
                }
                tokio::time::sleep(self.poll).await;
            }
        });
    }

    /// Tells one product of one ended grant; false when none is due.
    async fn deliver_one(&self, client: &reqwest::Client) -> Result<bool, sqlx::Error> {
        let settings: &OAuthSettings = &self.state.oauth;
        let now = chrono::Utc::now();
        let lease = self.timeout * (self.attempts + 1) + Duration::from_secs(5);
        let lease_until =
            app::server::rfc3339(now + chrono::Duration::from_std(lease).unwrap_or_default());
        let Some(due) = app::oauth::logout::claim_due(
            &self.state.writer,
            &app::server::rfc3339(now),
            &lease_until,
        )
        .await?
        else {
            return Ok(false);
        };
        let client_of_grant = settings.clients.get(&due.client_id);
        let uri = client_of_grant.and_then(|client| client.backchannel_logout_uri.clone());
        if let (Some(uri), Some(client_of_grant)) = (uri, client_of_grant) {
            let ring = settings.keys.ring().await?;
            let claims = tokens::logout_claims(
                &settings.issuer,
                &due.client_id,
                &due.user_id,
                &due.grant_id,
            );
            let algorithm = client_of_grant.algorithm();
            match tokens::sign(&ring, algorithm, tokens::LOGOUT_TOKEN_TYPE, &claims) {
                Ok(token) => self.post(client, &uri, &token, &due.client_id).await,
                Err(_) => tracing::error!("no key to sign a logout token"),
            }
        }
        app::oauth::logout::sent(&self.state.writer, &due.grant_id).await?;
        Ok(true)
    }

    async fn post(&self, client: &reqwest::Client, uri: &str, token: &str, client_id: &str) {
        for attempt in 1..=self.attempts {
            let sent = client
                .post(uri)
                .header(http::header::CACHE_CONTROL, "no-store")
                .form(&[("logout_token", token)])
                .send()
                .await;
            match sent {
                Ok(answer) if answer.status().is_success() => {
                    tracing::info!(client = client_id, "back-channel logout delivered");
                    return;
                }
                Ok(answer) => {
                    tracing::warn!(client = client_id, status = %answer.status(), attempt, "back-channel logout refused");
                }
                Err(error) => {
                    tracing::warn!(client = client_id, %error, attempt, "back-channel logout failed");
                }
            }
            tokio::time::sleep(self.timeout).await;
        }
    }
}
