//! Adding, confirming and removing the authenticator app, and making new recovery codes: the
//! profile's plain forms.

use crate::error::AppError;
use leptos::prelude::*;

/// New recovery codes wait for the profile page that shows them once: masked in the session,
/// the pad in the browser's cookie (as a new API key's secret does).
#[cfg(feature = "ssr")]
pub(super) const NEW_RECOVERY_CODES: crate::access::Handover =
    crate::access::Handover::new("new_recovery_codes", "roster_recovery_codes");

#[cfg(feature = "ssr")]
const SECTION: &str = "#second-factor-heading";

/// Starts enrolling an authenticator app: a new secret, shown on the profile (as text and a QR
/// code) until a current code from the app confirms it. Starting again replaces the secret.
#[server(prefix = "/api", endpoint = "start_authenticator")]
pub async fn start_authenticator() -> Result<(), AppError> {
    use crate::access::require_user;
    use crate::server::{AppState, begin_write, now_rfc3339, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        let secret = super::totp::TotpSecret::generate();
        let mut tx = begin_write(&state.writer).await?;
        let begun =
            super::queries::begin_enrolment(&mut tx, &user.id, &secret.base32(), &now_rfc3339())
                .await?;
        tx.commit().await?;
        if !begun {
            return Err(AppError::Conflict(
                "You have an authenticator app already. Remove it first to add another.".into(),
            ));
        }
        leptos_axum::redirect(&format!("/profile{SECTION}"));
        Ok(())
    })
    .await
}

/// Finishes the enrolment with a current code from the app, and makes the ten recovery codes,
/// shown once on the page that follows.
#[server(prefix = "/api", endpoint = "confirm_authenticator")]
pub async fn confirm_authenticator(code: String) -> Result<(), AppError> {
    use super::codes::{Purpose, take_code};
    use crate::access::require_user;
    use crate::audit::AuditAction;
    use crate::domain::Notice;
    use crate::server::{AppState, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        take_code(&state, &user.id, &code, "code", Purpose::Confirm).await?;
        super::step_up::mark_given_now(&state).await?;
        renew_recovery_codes(&state, &user.id, AuditAction::UserAuthenticatorAdded).await?;
        tracing::info!(user.id = %user.id, "authenticator app added");
        leptos_axum::redirect(&format!(
            "/profile?notice={}{SECTION}",
            Notice::AuthenticatorAdded.key()
        ));
        Ok(())
    })
    .await
}

/// Drops an enrolment that was not confirmed (nothing changes for a confirmed app).
#[server(prefix = "/api", endpoint = "cancel_authenticator")]
pub async fn cancel_authenticator() -> Result<(), AppError> {
    use crate::access::require_user;
    use crate::server::{AppState, begin_write, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        let mut tx = begin_write(&state.writer).await?;
        super::queries::drop_enrolment(&mut tx, &user.id).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/profile{SECTION}"));
        Ok(())
    })
    .await
}

/// Removes the authenticator app and the recovery codes: needs the password and a current code,
/// so that neither a stolen password nor an unattended browser can take the factor away.
#[server(prefix = "/api", endpoint = "remove_authenticator")]
pub async fn remove_authenticator(current_password: String, code: String) -> Result<(), AppError> {
    use super::codes::{Purpose, take_code};
    use crate::access::require_user;
    use crate::audit::AuditAction;
    use crate::domain::Notice;
    use crate::server::{AppState, begin_write, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        crate::profile::current_password::confirm(&state, &user, current_password).await?;
        take_code(&state, &user.id, &code, "code", Purpose::Use).await?;
        let mut tx = begin_write(&state.writer).await?;
        super::queries::remove_all(&mut tx, &user.id).await?;
        crate::audit::record_in_accounts_of(
            &mut tx,
            &user.id,
            AuditAction::UserAuthenticatorRemoved,
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = %user.id, "authenticator app removed");
        leptos_axum::redirect(&format!(
            "/profile?notice={}{SECTION}",
            Notice::AuthenticatorRemoved.key()
        ));
        Ok(())
    })
    .await
}

/// Ten new recovery codes, shown once; the earlier ones stop working. Needs a current code.
#[server(prefix = "/api", endpoint = "make_recovery_codes")]
pub async fn make_recovery_codes(code: String) -> Result<(), AppError> {
    use super::codes::{Purpose, take_code};
    use crate::access::require_user;
    use crate::audit::AuditAction;
    use crate::domain::Notice;
    use crate::server::{AppState, respond};

    respond(async move {
        let user = require_user().await?;
        let state = AppState::from_context()?;
        take_code(&state, &user.id, &code, "code", Purpose::Use).await?;
        super::step_up::mark_given_now(&state).await?;
        renew_recovery_codes(&state, &user.id, AuditAction::UserRecoveryCodesMade).await?;
        leptos_axum::redirect(&format!(
            "/profile?notice={}{SECTION}",
            Notice::RecoveryCodesMade.key()
        ));
        Ok(())
    })
    .await
}

/// Replaces the user's recovery codes by ten new ones, records `action` in each of their
/// accounts, and hands the codes to this browser's next profile page.
#[cfg(feature = "ssr")]
async fn renew_recovery_codes(
    state: &crate::server::AppState,
    user_id: &str,
    action: crate::audit::AuditAction,
) -> Result<(), AppError> {
    use crate::server::{begin_write, now_rfc3339};
    let codes = super::recovery_codes::generate();
    let hashes: Vec<_> = codes
        .iter()
        .filter_map(|code| super::recovery_codes::hash_of_typed(code))
        .collect();
    let mut tx = begin_write(&state.writer).await?;
    super::queries::replace_recovery_codes(&mut tx, user_id, &hashes, &now_rfc3339()).await?;
    crate::audit::record_in_accounts_of(&mut tx, user_id, action, serde_json::json!({})).await?;
    tx.commit().await?;
    NEW_RECOVERY_CODES
        .give(crate::access::HandedOver {
            subject_id: user_id.to_owned(),
            label: "recovery codes".into(),
            secret: codes.join(" "),
        })
        .await
}
