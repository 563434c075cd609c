//! The problems of an authorization request that Roster shows on its own page rather than
//! send the browser anywhere: the product is unknown, or its redirect is not registered.

use serde::{Deserialize, Serialize};

/// A problem shown on Roster's page: the product cannot be trusted with a redirect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    UnknownClient,
    MissingRedirect,
    UnregisteredRedirect,
    NoAccount,
    Malformed,
    LogoutUnconfirmed,
}

impl Problem {
    pub fn key(self) -> &'static str {
        match self {
            Self::UnknownClient => "unknown_client",
            Self::MissingRedirect => "missing_redirect",
            Self::UnregisteredRedirect => "unregistered_redirect",
            Self::NoAccount => "no_account",
            Self::Malformed => "malformed",
            Self::LogoutUnconfirmed => "logout_unconfirmed",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [
            Self::UnknownClient,
            Self::MissingRedirect,
            Self::UnregisteredRedirect,
            Self::NoAccount,
            Self::Malformed,
            Self::LogoutUnconfirmed,
        ]
        .into_iter()
        .find(|problem| problem.key() == key)
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::UnknownClient => {
                "The product that sent you here is not known to this Roster, so you were not sent back to it."
            }
            Self::MissingRedirect => {
                "The product that sent you here did not say where to send you back, so you were not sent back to it."
            }
            Self::UnregisteredRedirect => {
                "The product that sent you here asked to send you back to an address it did not register, so you were not sent there."
            }
            Self::NoAccount => {
                "You are not a member of any account yet, so there is no account to sign in to. Create one, or accept an invitation, then try again."
            }
            Self::Malformed => "The sign-in request was malformed, so you were not sent back.",
            Self::LogoutUnconfirmed => {
                "The product asked to sign you out, but did not show it knows who you are, so you are still signed in. Sign out from your profile if you want to."
            }
        }
    }
}
