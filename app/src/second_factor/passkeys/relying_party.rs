//! Roster as a WebAuthn relying party: its id is the host of the passkey origin (the public URL
//! unless `--passkey-origin` says otherwise), and only that origin's pages may use a passkey.

use crate::error::AppError;
use crate::server::AppState;
use webauthn_rs::prelude::{Url, Webauthn, WebauthnBuilder};

pub fn relying_party(state: &AppState) -> Result<Webauthn, AppError> {
    let origin = Url::parse(&state.auth.passkey_origin).map_err(|error| {
        tracing::error!(%error, "the passkey origin is not a URL");
        AppError::Internal
    })?;
    let Some(url::Host::Domain(host)) = origin.host() else {
        return Err(AppError::Conflict(format!(
            "Passkeys need Roster to be reached by a name (such as localhost or roster.example.org), not an IP address: its operator sets --passkey-origin. It is {}.",
            state.auth.passkey_origin
        )));
    };
    WebauthnBuilder::new(host, &origin)
        .and_then(|builder| builder.rp_name("Roster").build())
        .map_err(|error| {
            tracing::error!(%error, "the passkey relying party cannot be built");
            AppError::Internal
        })
}
