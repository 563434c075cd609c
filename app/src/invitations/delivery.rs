//! What became of an invitation's mail, as its admins see it.

use serde::{Deserialize, Serialize};

/// The latest mail of an invitation: stored as its key; the table's CHECK allows exactly these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryStatus {
    /// Waiting to go out.
    Queued,
    /// Accepted by the recipient's server (or written to the mail folder).
    Sent,
    /// The recipient's server said "later" (a 4xx answer); another try is due.
    Deferred,
    /// Refused (a 5xx answer), given up after the last try, or bounced later.
    Failed,
    /// Its link was copied to be handed over another way; no mail is on its way.
    HandedOver,
}

impl DeliveryStatus {
    pub const ALL: [Self; 5] = [
        Self::Queued,
        Self::Sent,
        Self::Deferred,
        Self::Failed,
        Self::HandedOver,
    ];

    pub const fn key(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sent => "sent",
            Self::Deferred => "deferred",
            Self::Failed => "failed",
            Self::HandedOver => "handed_over",
        }
    }

    /// A stored key; anything else reads as queued, which claims nothing.
    pub fn from_key(key: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|status| status.key() == key)
            .unwrap_or(Self::Queued)
    }
}

/// An invitation's mail as a row shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailDelivery {
    pub status: DeliveryStatus,
    /// What the receiving server said (its 250 answer and queue id, its 4xx or 5xx reason), or
    /// what Roster knows ("written to the mail folder", a reported bounce).
    pub detail: Option<String>,
    /// When a deferred mail is tried again, RFC 3339.
    pub retry_at: Option<String>,
    /// When the one reminder was queued, RFC 3339.
    pub reminded_at: Option<String>,
}

impl MailDelivery {
    /// The status in a few words: "Mail accepted". Accepted by the server Roster handed it to:
    /// the recipient's, or a relay, whose later refusal comes back as a bounce.
    pub fn headline(&self) -> &'static str {
        match self.status {
            DeliveryStatus::Queued => "Mail queued",
            DeliveryStatus::Sent => "Mail accepted",
            DeliveryStatus::Deferred => "Mail deferred",
            DeliveryStatus::Failed => "Mail refused",
            DeliveryStatus::HandedOver => "Link copied to hand over, no mail sent",
        }
    }

    /// The headline with what the server said: "Mail refused: 550 5.1.1 No such user".
    pub fn describe(&self) -> String {
        match self.detail.as_deref().map(str::trim) {
            Some(detail) if !detail.is_empty() => format!("{}: {detail}", self.headline()),
            _ => self.headline().to_owned(),
        }
    }

    pub fn failed(&self) -> bool {
        self.status == DeliveryStatus::Failed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_delivery_status_reads_back_from_its_stored_key() {
        for status in DeliveryStatus::ALL {
            assert_eq!(DeliveryStatus::from_key(status.key()), status);
        }
        assert_eq!(DeliveryStatus::from_key("nonsense"), DeliveryStatus::Queued);
    }

    #[test]
    fn a_refused_mail_says_what_the_server_said() {
        let refused = MailDelivery {
            status: DeliveryStatus::Failed,
            detail: Some("550 5.1.1 No such user".into()),
            retry_at: None,
            reminded_at: None,
        };
        assert_eq!(refused.describe(), "Mail refused: 550 5.1.1 No such user");
        let queued = MailDelivery {
            status: DeliveryStatus::Queued,
            detail: Some("  ".into()),
            ..refused
        };
        assert_eq!(queued.describe(), "Mail queued");
    }
}
