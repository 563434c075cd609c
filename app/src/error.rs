//! The one error type every server function returns.
//!
//! Its variants are the things a person can act on. `Internal` carries no detail: whatever went
//! wrong is logged on the server (with its whole chain of causes) and never sent to the browser.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// A message for one form field, keyed by the field's `name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in to continue.")]
    Unauthenticated,
    /// The same for an unknown email and a wrong password: no hint about which it was.
    #[error("That email and password do not match. Check both and try again.")]
    InvalidCredentials,
    #[error("You do not have permission to do that.")]
    Forbidden,
    /// Refused for a reason the caller can act on (a suspended API key says why).
    #[error("{0}")]
    ForbiddenBecause(String),
    /// The account requires a second factor and the caller has none (they stay a member).
    #[error(
        "This account requires a second factor. Add an authenticator app on your profile to go on; you are still a member."
    )]
    SecondFactorRequired,
    /// A change that cannot be taken back, by a user with a second factor who has not given it
    /// within the last minutes: the form asks for a code with it.
    #[error(
        "Confirm it is you: type the code your authenticator app shows now in the field with this change. It is asked once every 10 minutes for changes that cannot be taken back."
    )]
    StepUpRequired,
    #[error("{0} was not found.")]
    NotFound(String),
    #[error("Please correct the marked fields.")]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
    /// The request itself could not be understood (a malformed form post, for example).
    #[error("The request could not be read. Please reload the page and try again.")]
    BadRequest,
    /// Too many attempts in a short time; the caller may try again after `retry_after_secs`.
    #[error("{message}")]
    TooManyRequests {
        message: String,
        retry_after_secs: u64,
    },
    /// The server is at its limit for this kind of work right now (not the caller's fault).
    #[error("Roster is busy right now. Please try again in a few seconds.")]
    Busy { retry_after_secs: u64 },
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
}

impl AppError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }

    /// The message to show next to the form field `name`, if this error has one.
    pub fn message_for(&self, name: &str) -> Option<&str> {
        match self {
            Self::Validation(fields) => fields
                .iter()
                .find(|f| f.field == name)
                .map(|f| f.message.as_str()),
            _ => None,
        }
    }

    /// The HTTP status that tells a programmatic caller which kind of error this is.
    pub fn status(&self) -> u16 {
        match self {
            Self::Unauthenticated | Self::InvalidCredentials => 401,
            Self::Forbidden
            | Self::ForbiddenBecause(_)
            | Self::SecondFactorRequired
            | Self::StepUpRequired => 403,
            Self::NotFound(_) => 404,
            Self::Validation(_) => 422,
            Self::BadRequest => 400,
            Self::Conflict(_) => 409,
            Self::TooManyRequests { .. } => 429,
            Self::Busy { .. } => 503,
            Self::Internal => 500,
        }
    }

    /// Seconds after which a refused caller may try again, for a `Retry-After` header.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            Self::TooManyRequests {
                retry_after_secs, ..
            }
            | Self::Busy { retry_after_secs } => Some((*retry_after_secs).max(1)),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        match error {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => Self::BadRequest,
            #[cfg(feature = "ssr")]
            other => {
                tracing::error!(error = %other, "server function framework error");
                Self::Internal
            }
            #[cfg(not(feature = "ssr"))]
            _ => Self::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_serialise_without_any_detail() {
        let json = serde_json::to_string(&AppError::Internal).unwrap();
        assert_eq!(json, "\"Internal\"");
    }

    #[test]
    fn a_validation_error_finds_the_message_of_its_field() {
        let error = AppError::field("email", "Enter an email address.");
        assert_eq!(error.message_for("email"), Some("Enter an email address."));
        assert_eq!(error.message_for("password"), None);
    }

    #[test]
    fn each_kind_of_error_has_its_own_status() {
        assert_eq!(AppError::Unauthenticated.status(), 401);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::NotFound("Account".into()).status(), 404);
        assert_eq!(AppError::field("x", "y").status(), 422);
        assert_eq!(AppError::Conflict("taken".into()).status(), 409);
        assert_eq!(AppError::BadRequest.status(), 400);
        assert_eq!(
            AppError::Busy {
                retry_after_secs: 2
            }
            .status(),
            503
        );
        assert_eq!(AppError::Internal.status(), 500);
    }
}
