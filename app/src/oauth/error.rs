//! The errors OAuth 2.0 defines for its token, introspection and revocation endpoints (RFC 6749
//! §5.2), as one enum mapped to the wire in one place.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OAuthError {
    /// A parameter is missing, repeated or malformed.
    InvalidRequest(String),
    /// The client is unknown or its secret is wrong (401).
    InvalidClient,
    /// The code, refresh token or verifier is not (or no longer) good.
    InvalidGrant(String),
    UnsupportedGrantType,
    InvalidScope,
    /// A bearer token that is not (or no longer) good (userinfo).
    InvalidToken,
    /// The server failed; the details are in its log.
    ServerError,
}

#[derive(Serialize)]
pub struct ErrorBody {
    pub error: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

impl OAuthError {
    pub fn status(&self) -> u16 {
        match self {
            Self::InvalidClient | Self::InvalidToken => 401,
            Self::ServerError => 500,
            _ => 400,
        }
    }

    pub fn body(&self) -> ErrorBody {
        let (error, description) = match self {
            Self::InvalidRequest(why) => ("invalid_request", Some(why.clone())),
            Self::InvalidClient => ("invalid_client", None),
            Self::InvalidGrant(why) => ("invalid_grant", Some(why.clone())),
            Self::UnsupportedGrantType => ("unsupported_grant_type", None),
            Self::InvalidScope => ("invalid_scope", None),
            Self::InvalidToken => ("invalid_token", None),
            Self::ServerError => ("server_error", None),
        };
        ErrorBody {
            error,
            error_description: description,
        }
    }
}

impl From<sqlx::Error> for OAuthError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "a database error in an OAuth endpoint");
        Self::ServerError
    }
}

impl From<crate::error::AppError> for OAuthError {
    fn from(error: crate::error::AppError) -> Self {
        tracing::error!(?error, "an error in an OAuth endpoint");
        Self::ServerError
    }
}
