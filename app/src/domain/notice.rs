//! The outcome a plain form post reports to the page it returns to (`?notice=<key>`): the
//! server functions name it, the pages show its message.

/// What a plain form post tells the page it returns to. Fixed messages chosen by a key, so that
/// a crafted link cannot make Roster display words of someone else's choosing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    InvitationResent,
    InvitationReaddressed,
    ExpiredInvitationsResent,
    InvitationRevoked,
    InvitationDeclined,
    RolesSaved,
    OwnershipTransferred,
    MemberRemoved,
    AccountRenamed,
    AccountDeleted,
    NameChanged,
    PasswordChanged,
    SessionEnded,
    OtherSessionsEnded,
    ResetMailSent,
    PasswordReset,
    UserDeleted,
    VerificationSent,
    AddressLinkSent,
    ApiKeyRevoked,
    ApiKeyAdopted,
    WebhookRemoved,
    WebhookRedelivered,
    WebhookResumed,
    AuthenticatorAdded,
    AuthenticatorRemoved,
    RecoveryCodesMade,
    RecoveryCodeUsed,
    SecondFactorRequired,
    SecondFactorOptional,
    PasskeyAdded,
    PasskeyRemoved,
}

impl Notice {
    const ALL: [Notice; 32] = [
        Self::InvitationResent,
        Self::InvitationReaddressed,
        Self::ExpiredInvitationsResent,
        Self::InvitationRevoked,
        Self::InvitationDeclined,
        Self::RolesSaved,
        Self::OwnershipTransferred,
        Self::MemberRemoved,
        Self::AccountRenamed,
        Self::AccountDeleted,
        Self::NameChanged,
        Self::PasswordChanged,
        Self::SessionEnded,
        Self::OtherSessionsEnded,
        Self::ResetMailSent,
        Self::PasswordReset,
        Self::UserDeleted,
        Self::VerificationSent,
        Self::AddressLinkSent,
        Self::ApiKeyRevoked,
        Self::ApiKeyAdopted,
        Self::WebhookRemoved,
        Self::WebhookRedelivered,
        Self::WebhookResumed,
        Self::AuthenticatorAdded,
        Self::AuthenticatorRemoved,
        Self::RecoveryCodesMade,
        Self::RecoveryCodeUsed,
        Self::SecondFactorRequired,
        Self::SecondFactorOptional,
        Self::PasskeyAdded,
        Self::PasskeyRemoved,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::InvitationResent => "invitation-resent",
            Self::InvitationReaddressed => "invitation-readdressed",
            Self::ExpiredInvitationsResent => "expired-invitations-resent",
            Self::InvitationRevoked => "invitation-revoked",
            Self::InvitationDeclined => "invitation-declined",
            Self::RolesSaved => "roles-saved",
            Self::OwnershipTransferred => "ownership-transferred",
            Self::MemberRemoved => "member-removed",
            Self::AccountRenamed => "account-renamed",
            Self::AccountDeleted => "account-deleted",
            Self::NameChanged => "name-changed",
            Self::PasswordChanged => "password-changed",
            Self::SessionEnded => "session-ended",
            Self::OtherSessionsEnded => "other-sessions-ended",
            Self::ResetMailSent => "reset-mail-sent",
            Self::PasswordReset => "password-reset",
            Self::UserDeleted => "user-deleted",
            Self::VerificationSent => "verification-sent",
            Self::AddressLinkSent => "address-link-sent",
            Self::ApiKeyRevoked => "api-key-revoked",
            Self::ApiKeyAdopted => "api-key-adopted",
            Self::WebhookRemoved => "webhook-removed",
            Self::WebhookRedelivered => "webhook-redelivered",
            Self::WebhookResumed => "webhook-resumed",
            Self::AuthenticatorAdded => "authenticator-added",
            Self::AuthenticatorRemoved => "authenticator-removed",
            Self::RecoveryCodesMade => "recovery-codes-made",
            Self::RecoveryCodeUsed => "recovery-code-used",
            Self::SecondFactorRequired => "second-factor-required",
            Self::SecondFactorOptional => "second-factor-optional",
            Self::PasskeyAdded => "passkey-added",
            Self::PasskeyRemoved => "passkey-removed",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::InvitationResent => {
                "Invitation sent again with a new link. The previous link no longer works."
            }
            Self::ExpiredInvitationsResent => {
                "The expired invitations were sent again, each with a new link."
            }
            Self::InvitationReaddressed => {
                "Invitation sent to the new address with a new link. The previous link no longer works."
            }
            Self::InvitationRevoked => "Invitation revoked. Its link no longer works.",
            Self::InvitationDeclined => "You declined the invitation.",
            Self::RolesSaved => "Roles saved. They apply from the member's next request.",
            Self::OwnershipTransferred => {
                "Ownership handed over. You stay a member with the Admin role."
            }
            Self::MemberRemoved => "Member removed. They no longer have access to this account.",
            Self::AccountRenamed => "Account renamed.",
            Self::AccountDeleted => {
                "Account deleted. Its members no longer have access, and each was told by mail."
            }
            Self::NameChanged => "Name saved. Other members see it from now on.",
            Self::PasswordChanged => {
                "Password changed. Every other place you were signed in has been signed out."
            }
            Self::SessionEnded => "That session is signed out.",
            Self::OtherSessionsEnded => "Every other session is signed out.",
            Self::ResetMailSent => {
                "If a user has this address, a mail is on its way with a link to set a new password."
            }
            Self::UserDeleted => "Your user is deleted, and you have left every account.",
            Self::PasswordReset => {
                "New password set. You are signed in here, and signed out everywhere else."
            }
            Self::VerificationSent => {
                "A new verification link is on its way. The earlier one no longer works."
            }
            Self::ApiKeyRevoked => "API key revoked. Programs using it are refused from now on.",
            Self::ApiKeyAdopted => {
                "API key adopted. It works again, as your delegate, while you hold what it carries."
            }
            Self::WebhookRemoved => "Endpoint removed. Nothing more is sent to it.",
            Self::SecondFactorRequired => {
                "A second factor is now required here. Members without one stay members, and are asked to add one before anything else."
            }
            Self::SecondFactorOptional => "A second factor is no longer required here.",
            Self::PasskeyAdded => {
                "Passkey added. Sign in with it alone, or use it after your password."
            }
            Self::PasskeyRemoved => "Passkey removed. It no longer signs you in.",
            Self::AuthenticatorAdded => {
                "Authenticator app added. Signing in now asks for a code from it after your password."
            }
            Self::AuthenticatorRemoved => {
                "Authenticator app removed, with your recovery codes. Your password alone signs you in again."
            }
            Self::RecoveryCodesMade => "New recovery codes made. The earlier ones no longer work.",
            Self::RecoveryCodeUsed => {
                "You signed in with a recovery code, which no longer works. Make new codes below if few are left."
            }
            Self::WebhookResumed => "Endpoint resumed. The events that waited are on their way.",
            Self::WebhookRedelivered => {
                "The event is on its way again. Its delivery appears at the top of the log."
            }
            Self::AddressLinkSent => {
                "A link is on its way to the new address. Your address changes when you follow it; until then it stays as it is."
            }
        }
    }

    /// The path with this notice in its query.
    pub fn added_to(self, path: &str) -> String {
        let separator = if path.contains('?') { '&' } else { '?' };
        format!("{path}{separator}notice={}", self.key())
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.key() == key)
    }
}
