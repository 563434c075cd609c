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
    /// The link was sent for another user than the one signed in; nothing changed.
    NotYours,
}

impl AddressLinkOutcome {
    /// The query value a form post returns to the link's page with, for an outcome the page
    /// cannot read back from the link itself.
    pub fn query_key(&self) -> Option<&'static str> {
        match self {
            Self::Taken { .. } => Some("taken"),
            Self::NotYours => Some("not-yours"),
            _ => None,
        }
    }
}

/// Who is looking at a link's page, next to the user it was sent for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkViewer {
    /// Signed in as the user the link was sent for: the page offers the button.
    Holder,
    /// Not signed in: the page asks to sign in first (a mail scanner stops here).
    SignedOut,
    /// Signed in as someone else.
    SomeoneElse,
}

/// What a link's page shows, read without changing anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressLinkView {
    /// The link works: a button (for its user) does what it is for.
    Ready { email: String, viewer: LinkViewer },
    /// Used already, to the effect it was for (verified, or moved): the outcome.
    Done(AddressLinkOutcome),
    /// Used for an address the user no longer has, expired, replaced, or unknown.
    Dead,
}

/// A move to a new address that waits for its link to be followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAddress {
    pub email: String,
    pub expires_at: String,
}
