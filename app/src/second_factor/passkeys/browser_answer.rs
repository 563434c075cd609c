//! What the browser answers a ceremony with: JSON of its own making, bounded before it is read.

use crate::error::AppError;
use serde::de::DeserializeOwned;

/// More than any authenticator's answer (a few KB with its attestation).
const MAX_ANSWER_BYTES: usize = 64 * 1024;

pub fn parse<T: DeserializeOwned>(answer: &str) -> Result<T, AppError> {
    if answer.len() > MAX_ANSWER_BYTES {
        return Err(unreadable());
    }
    serde_json::from_str(answer).map_err(|_| unreadable())
}

fn unreadable() -> AppError {
    AppError::field(
        "passkey",
        "The browser's answer could not be read. Try again.",
    )
}
