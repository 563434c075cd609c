/// What a webhook endpoint can hear about, named as the deliveries name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebhookEvent {
    MemberAdded,
    MemberRemoved,
    MemberRolesChanged,
    InvitationCreated,
    InvitationResent,
    InvitationAccepted,
    InvitationDeclined,
    InvitationRevoked,
    InvitationExpired,
    InvitationDeliveryFailed,
    RoleCreated,
    RoleUpdated,
    RoleDeleted,
    AccountOwnershipTransferred,
    AccountSecondFactorPolicyChanged,
}

impl WebhookEvent {
    pub const ALL: [Self; 15] = [
        Self::MemberAdded,
        Self::MemberRemoved,
        Self::MemberRolesChanged,
        Self::InvitationCreated,
        Self::InvitationResent,
        Self::InvitationAccepted,
        Self::InvitationDeclined,
        Self::InvitationRevoked,
        Self::InvitationExpired,
        Self::InvitationDeliveryFailed,
        Self::RoleCreated,
        Self::RoleUpdated,
        Self::RoleDeleted,
        Self::AccountOwnershipTransferred,
        Self::AccountSecondFactorPolicyChanged,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::MemberAdded => "member.added",
            Self::MemberRemoved => "member.removed",
            Self::MemberRolesChanged => "member.roles_changed",
            Self::InvitationCreated => "invitation.created",
            Self::InvitationResent => "invitation.resent",
            Self::InvitationAccepted => "invitation.accepted",
            Self::InvitationDeclined => "invitation.declined",
            Self::InvitationRevoked => "invitation.revoked",
            Self::InvitationExpired => "invitation.expired",
            Self::InvitationDeliveryFailed => "invitation.delivery_failed",
            Self::RoleCreated => "role.created",
            Self::RoleUpdated => "role.updated",
            Self::RoleDeleted => "role.deleted",
            Self::AccountOwnershipTransferred => "account.ownership_transferred",
            Self::AccountSecondFactorPolicyChanged => "account.second_factor_policy_changed",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|event| event.name() == name)
    }

    /// The read permission that guards this event's data (an invitation names its invitee's
    /// address): subscribing needs it, and so does every delivery, from the endpoint's maker.
    pub fn needs(self) -> crate::permissions::Permission {
        use crate::permissions::Permission;
        match self {
            Self::MemberAdded
            | Self::MemberRemoved
            | Self::MemberRolesChanged
            | Self::AccountOwnershipTransferred => Permission::ReadUsers,
            Self::InvitationCreated
            | Self::InvitationResent
            | Self::InvitationAccepted
            | Self::InvitationDeclined
            | Self::InvitationRevoked
            | Self::InvitationExpired
            | Self::InvitationDeliveryFailed => Permission::ReadInvites,
            Self::RoleCreated | Self::RoleUpdated | Self::RoleDeleted => Permission::ReadRoles,
            Self::AccountSecondFactorPolicyChanged => Permission::ReadAccount,
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::MemberAdded => "Someone joined the account.",
            Self::MemberRemoved => "A member was removed, or left.",
            Self::MemberRolesChanged => "A member's roles changed.",
            Self::InvitationCreated => "Someone was invited.",
            Self::InvitationResent => "An invitation was sent again with a new link.",
            Self::InvitationAccepted => "An invitation was accepted.",
            Self::InvitationDeclined => "An invitation was declined.",
            Self::InvitationRevoked => "An invitation was revoked.",
            Self::InvitationExpired => "An invitation expired unanswered.",
            Self::InvitationDeliveryFailed => {
                "An invitation's mail was refused by the recipient's server, or bounced."
            }
            Self::RoleCreated => "A custom role was created.",
            Self::RoleUpdated => "A custom role was renamed or its permissions changed.",
            Self::RoleDeleted => "A custom role was deleted.",
            Self::AccountOwnershipTransferred => "The account has a new owner.",
            Self::AccountSecondFactorPolicyChanged => {
                "The account started or stopped requiring a second factor of its members."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WebhookEvent;

    #[test]
    fn every_event_round_trips_through_its_name() {
        for event in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::from_name(event.name()), Some(event));
            assert!(!event.description().is_empty());
        }
        assert_eq!(WebhookEvent::from_name("member.signed_in"), None);
    }
}
