use serde::{Deserialize, Serialize};

/// The second factors of the signed-in user, as their profile shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactors {
    pub authenticator: AuthenticatorState,
    /// Recovery codes that still work.
    pub recovery_codes_left: i64,
    /// Codes made just now, shown this once (empty otherwise).
    pub new_recovery_codes: Vec<String>,
    pub passkeys: Vec<super::passkeys::PasskeyView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthenticatorState {
    Off,
    /// Being enrolled: the secret to type in (in groups of four) and its QR code (an SVG drawn
    /// by the server), until a current code confirms it.
    Enrolling {
        secret: String,
        qr_svg: String,
    },
    On {
        since: String,
    },
}

/// The secret in groups of four, as apps that take it typed show it.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(feature = "ssr")]
pub async fn of_user(
    conn: &mut dyn crate::db::Db,
    user: &crate::auth::CurrentUser,
) -> Result<SecondFactors, crate::error::AppError> {
    use super::queries::{self, Authenticator};
    let authenticator = match queries::authenticator(&mut *conn, &user.id).await? {
        None => AuthenticatorState::Off,
        Some(Authenticator::On { since }) => AuthenticatorState::On { since },
        Some(Authenticator::Enrolling { secret }) => {
            let uri = super::totp::TotpSecret::from_base32(&secret)
                .map(|secret| secret.provisioning_uri("Roster", &user.email))
                .unwrap_or_default();
            AuthenticatorState::Enrolling {
                qr_svg: super::totp::qr_svg(&uri).unwrap_or_default(),
                secret: grouped(&secret),
            }
        }
    };
    let recovery_codes_left = queries::recovery_codes_left(&mut *conn, &user.id).await?;
    let new_recovery_codes = super::enrolment::NEW_RECOVERY_CODES
        .take(&[user.id.as_str()])
        .await?
        .map(|handed| handed.secret.split(' ').map(str::to_owned).collect())
        .unwrap_or_default();
    let passkeys = super::passkeys::of_user(conn, &user.id).await?;
    Ok(SecondFactors {
        authenticator,
        recovery_codes_left,
        new_recovery_codes,
        passkeys,
    })
}
