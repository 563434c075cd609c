//! A WebAuthn ceremony between its two requests: its state waits in the server-side session
//! (never in the browser), taken out once, and only within the authenticator's timeout.

use crate::error::AppError;
use crate::server::internal;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// The authenticator's own timeout (webauthn-rs asks browsers for five minutes).
const CEREMONY_SECS: i64 = 300;

#[derive(Serialize, Deserialize)]
struct Waiting<T> {
    state: T,
    at: i64,
}

/// One kind of ceremony: its slot in the session.
pub struct Ceremony(pub &'static str);

impl Ceremony {
    pub async fn begin<T: Serialize>(&self, state: T) -> Result<(), AppError> {
        let waiting = Waiting {
            state,
            at: chrono::Utc::now().timestamp(),
        };
        crate::access::session()
            .await?
            .insert(self.0, waiting)
            .await
            .map_err(internal)
    }

    /// The state of the ceremony this browser began, once, if it is still within its time.
    pub async fn take<T: DeserializeOwned>(&self) -> Result<T, AppError> {
        let waiting: Option<Waiting<T>> = crate::access::session()
            .await?
            .remove(self.0)
            .await
            .map_err(internal)?;
        waiting
            .filter(|waiting| chrono::Utc::now().timestamp() - waiting.at <= CEREMONY_SECS)
            .map(|waiting| waiting.state)
            .ok_or_else(|| {
                AppError::Conflict("That took too long, or it was already used. Try again.".into())
            })
    }
}

pub const REGISTRATION: Ceremony = Ceremony("passkey_registration");
pub const SIGN_IN: Ceremony = Ceremony("passkey_sign_in");
pub const SECOND_STEP: Ceremony = Ceremony("passkey_second_step");
