/// The word each destructive action must carry. Only its confirmation dialog sends it, so a
/// stray or forged post without the dialog changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirmation {
    DeleteRole,
    TransferOwnership,
    RemoveMember,
    RevokeInvitation,
    ResendExpiredInvitations,
    RevokeApiKey,
    RemoveWebhook,
}

impl Confirmation {
    pub const fn word(self) -> &'static str {
        match self {
            Self::DeleteRole => "delete",
            Self::TransferOwnership => "transfer",
            Self::RemoveMember | Self::RemoveWebhook => "remove",
            Self::RevokeInvitation | Self::RevokeApiKey => "revoke",
            Self::ResendExpiredInvitations => "resend",
        }
    }

    /// Whether the post carried this confirmation's word.
    pub fn given(self, sent: &str) -> bool {
        sent == self.word()
    }
}

#[cfg(test)]
mod tests {
    use super::Confirmation;

    #[test]
    fn only_the_exact_word_confirms() {
        assert!(Confirmation::RemoveMember.given("remove"));
        assert!(!Confirmation::RemoveMember.given("Remove"));
        assert!(!Confirmation::RemoveMember.given(""));
        assert!(!Confirmation::RevokeInvitation.given("remove"));
    }
}
