use crate::webhooks::WebhookEvent;

/// Everything the audit log records, named `resource.verb` as stored. The log's filter offers
/// exactly these, so listing them never reads the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    AccountCreated,
    AccountOwnershipTransferred,
    AccountRenamed,
    AccountSecondFactorPolicyChanged,
    ApiKeyAdopted,
    ApiKeyCreated,
    ApiKeyRevoked,
    AuthorizationRefused,
    ClientSignedIn,
    InvitationAccepted,
    InvitationCreated,
    InvitationDeclined,
    InvitationLinkCopied,
    InvitationMailLimitReached,
    InvitationResent,
    InvitationRevoked,
    MemberLeft,
    MemberRemoved,
    MemberRolesChanged,
    MemberSignInFailed,
    MemberSignedIn,
    RoleCreated,
    RoleDeleted,
    RolePermissionsChanged,
    RoleRenamed,
    UserAddressChanged,
    UserAuthenticatorAdded,
    UserAuthenticatorRemoved,
    UserPasskeyAdded,
    UserPasskeyRemoved,
    UserPasswordReset,
    UserRecoveryCodeUsed,
    UserRecoveryCodesMade,
    WebhookAdded,
    WebhookRemoved,
    WebhookResumed,
}

impl AuditAction {
    /// Every action, in the order of their names.
    pub const ALL: [Self; 36] = [
        Self::AccountCreated,
        Self::AccountOwnershipTransferred,
        Self::AccountRenamed,
        Self::AccountSecondFactorPolicyChanged,
        Self::ApiKeyAdopted,
        Self::ApiKeyCreated,
        Self::ApiKeyRevoked,
        Self::AuthorizationRefused,
        Self::ClientSignedIn,
        Self::InvitationAccepted,
        Self::InvitationCreated,
        Self::InvitationDeclined,
        Self::InvitationLinkCopied,
        Self::InvitationMailLimitReached,
        Self::InvitationResent,
        Self::InvitationRevoked,
        Self::MemberLeft,
        Self::MemberRemoved,
        Self::MemberRolesChanged,
        Self::MemberSignInFailed,
        Self::MemberSignedIn,
        Self::RoleCreated,
        Self::RoleDeleted,
        Self::RolePermissionsChanged,
        Self::RoleRenamed,
        Self::UserAddressChanged,
        Self::UserAuthenticatorAdded,
        Self::UserAuthenticatorRemoved,
        Self::UserPasskeyAdded,
        Self::UserPasskeyRemoved,
        Self::UserPasswordReset,
        Self::UserRecoveryCodeUsed,
        Self::UserRecoveryCodesMade,
        Self::WebhookAdded,
        Self::WebhookRemoved,
        Self::WebhookResumed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::AccountCreated => "account.created",
            Self::AccountOwnershipTransferred => "account.ownership_transferred",
            Self::AccountRenamed => "account.renamed",
            Self::AccountSecondFactorPolicyChanged => "account.second_factor_policy_changed",
            Self::ApiKeyAdopted => "api_key.adopted",
            Self::ApiKeyCreated => "api_key.created",
            Self::ApiKeyRevoked => "api_key.revoked",
            Self::AuthorizationRefused => "authorization.refused",
            Self::ClientSignedIn => "client.signed_in",
            Self::InvitationAccepted => "invitation.accepted",
            Self::InvitationCreated => "invitation.created",
            Self::InvitationDeclined => "invitation.declined",
            Self::InvitationLinkCopied => "invitation.link_copied",
            Self::InvitationMailLimitReached => "invitation.mail_limit_reached",
            Self::InvitationResent => "invitation.resent",
            Self::InvitationRevoked => "invitation.revoked",
            Self::MemberLeft => "member.left",
            Self::MemberRemoved => "member.removed",
            Self::MemberRolesChanged => "member.roles_changed",
            Self::MemberSignInFailed => "member.sign_in_failed",
            Self::MemberSignedIn => "member.signed_in",
            Self::RoleCreated => "role.created",
            Self::RoleDeleted => "role.deleted",
            Self::RolePermissionsChanged => "role.permissions_changed",
            Self::RoleRenamed => "role.renamed",
            Self::UserAddressChanged => "user.address_changed",
            Self::UserAuthenticatorAdded => "user.authenticator_added",
            Self::UserAuthenticatorRemoved => "user.authenticator_removed",
            Self::UserPasskeyAdded => "user.passkey_added",
            Self::UserPasskeyRemoved => "user.passkey_removed",
            Self::UserPasswordReset => "user.password_reset",
            Self::UserRecoveryCodeUsed => "user.recovery_code_used",
            Self::UserRecoveryCodesMade => "user.recovery_codes_made",
            Self::WebhookAdded => "webhook.added",
            Self::WebhookRemoved => "webhook.removed",
            Self::WebhookResumed => "webhook.resumed",
        }
    }

    /// The webhook event this change is announced as, if any (a member joining is announced
    /// by the acceptance itself, as `member.added` besides `invitation.accepted`).
    pub fn announced_as(self) -> Option<WebhookEvent> {
        Some(match self {
            Self::AccountOwnershipTransferred => WebhookEvent::AccountOwnershipTransferred,
            Self::AccountSecondFactorPolicyChanged => {
                WebhookEvent::AccountSecondFactorPolicyChanged
            }
            Self::InvitationAccepted => WebhookEvent::InvitationAccepted,
            Self::InvitationCreated => WebhookEvent::InvitationCreated,
            Self::InvitationDeclined => WebhookEvent::InvitationDeclined,
            Self::InvitationResent => WebhookEvent::InvitationResent,
            Self::InvitationRevoked => WebhookEvent::InvitationRevoked,
            Self::MemberLeft | Self::MemberRemoved => WebhookEvent::MemberRemoved,
            Self::MemberRolesChanged => WebhookEvent::MemberRolesChanged,
            Self::RoleCreated => WebhookEvent::RoleCreated,
            Self::RoleDeleted => WebhookEvent::RoleDeleted,
            Self::RolePermissionsChanged | Self::RoleRenamed => WebhookEvent::RoleUpdated,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn every_action_is_listed_once_in_name_order_as_resource_dot_verb() {
        let names: Vec<&str> = AuditAction::ALL.iter().map(|a| a.name()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
        for name in names {
            let (resource, verb) = name.split_once('.').expect("resource.verb");
            assert!(!resource.is_empty() && !verb.is_empty(), "{name}");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_')
            );
        }
    }
}
