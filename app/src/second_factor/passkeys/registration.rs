use crate::error::AppError;
use leptos::prelude::*;

/// Begins adding a passkey to the signed-in user: the options for the browser's
/// `navigator.credentials.create`, as JSON. A discoverable credential with the user verified
/// (so that it can sign in alone); the user's passkeys are excluded (no second copy of one).
#[server(prefix = "/api", endpoint = "begin_passkey_registration")]
pub async fn begin_passkey_registration() -> Result<String, AppError> {
    use crate::access::require_user;
    use crate::server::{AppState, internal, respond};
    use webauthn_rs_proto::ResidentKeyRequirement;

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        let handle = uuid::Uuid::parse_str(&user.id).map_err(internal)?;
        let exclude = super::stored::of_user(&state.pool, &user.id)
            .await?
            .iter()
            .map(|stored| stored.passkey.cred_id().clone())
            .collect();
        let (mut options, registration) = super::relying_party(&state)?
            .start_passkey_registration(handle, &user.email, &user.display_name, Some(exclude))
            .map_err(internal)?;
        if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
            selection.resident_key = Some(ResidentKeyRequirement::Required);
            selection.require_resident_key = true;
        }
        super::ceremony_state::REGISTRATION
            .begin(registration)
            .await?;
        serde_json::to_string(&options).map_err(internal)
    })
    .await
}

/// Finishes adding the passkey with the browser's answer and the name the user gave it.
#[server(prefix = "/api", endpoint = "finish_passkey_registration")]
pub async fn finish_passkey_registration(name: String, credential: String) -> Result<(), AppError> {
    use super::name::PasskeyName;
    use super::queries::{self, NewPasskey};
    use crate::access::require_user;
    use crate::audit::AuditAction;
    use crate::server::{AppState, begin_write, internal, now_rfc3339, respond};
    use webauthn_rs::prelude::{PasskeyRegistration, RegisterPublicKeyCredential};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        let name = PasskeyName::parse(&name).map_err(|message| AppError::field("name", message))?;
        let answer: RegisterPublicKeyCredential = super::browser_answer::parse(&credential)?;
        let registration: PasskeyRegistration = super::ceremony_state::REGISTRATION.take().await?;
        let passkey = super::relying_party(&state)?
            .finish_passkey_registration(&answer, &registration)
            .map_err(|error| {
                tracing::info!(user.id = %user.id, %error, "a passkey was refused");
                AppError::field("passkey", "The passkey could not be verified. Try again.")
            })?;
        let stored = serde_json::to_string(&passkey).map_err(internal)?;
        let now = now_rfc3339();
        let mut tx = begin_write(&state.writer).await?;
        let held = queries::count_of_user(&mut tx, &user.id).await?;
        if held >= i64::from(state.auth.passkeys_per_user) {
            return Err(AppError::Conflict(format!(
                "You have {held} passkeys, the most one user may have. Remove one first."
            )));
        }
        let added = queries::insert(
            &mut tx,
            &NewPasskey {
                user_id: &user.id,
                name: name.as_str(),
                credential_id: passkey.cred_id().as_slice(),
                credential: &stored,
                now: &now,
            },
        )
        .await?;
        if !added {
            return Err(AppError::Conflict(
                "This passkey is registered already.".into(),
            ));
        }
        crate::audit::record_in_accounts_of(
            &mut tx,
            &user.id,
            AuditAction::UserPasskeyAdded,
            serde_json::json!({ "name": name.as_str() }),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %user.id, "passkey added");
        Ok(())
    })
    .await
}
