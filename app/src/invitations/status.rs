/// Where an invitation stands: pending until it is accepted, declined, revoked or expires.
/// Stored as its name; the table's CHECK allows exactly these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Declined,
    Revoked,
    Expired,
}

impl InvitationStatus {
    pub const fn name(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
        }
    }

    /// A stored name; anything else reads as expired, which offers nothing.
    pub fn from_name(name: &str) -> Self {
        [Self::Pending, Self::Accepted, Self::Declined, Self::Revoked]
            .into_iter()
            .find(|status| status.name() == name)
            .unwrap_or(Self::Expired)
    }
}

#[cfg(test)]
mod tests {
    use super::InvitationStatus;

    #[test]
    fn every_status_reads_back_from_its_stored_name() {
        for status in [
            InvitationStatus::Pending,
            InvitationStatus::Accepted,
            InvitationStatus::Declined,
            InvitationStatus::Revoked,
            InvitationStatus::Expired,
        ] {
            assert_eq!(InvitationStatus::from_name(status.name()), status);
        }
    }
}
