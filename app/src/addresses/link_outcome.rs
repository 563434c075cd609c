use serde::{Deserialize, Serialize};

/// What following an address link did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressLinkOutcome {
    /// The address is verified: now, or by an earlier visit to the same link.
    Verified { email: String },
    /// The user's address is now this one, verified.
    Moved { email: String },
    /// Another user took this address after the link was sent; nothing changed.
    Taken { email: String },
    /// Used for an address the user no longer has, expired, replaced by a newer link, or unknown.
    Dead,
}

/// A move to a new address that waits for its link to be followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAddress {
    pub email: String,
    pub expires_at: String,
}
