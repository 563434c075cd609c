use serde::{Deserialize, Serialize};

/// One way a person proved who they are when a session began. Stored by its short code (the
/// `amr` values of RFC 8176 where one fits), so that a later token can say how the session was
/// made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Factor {
    Password,
    AuthenticatorCode,
    RecoveryCode,
    /// A passkey, with the user verified by the device (a PIN or a fingerprint): alone, it is
    /// two factors in one.
    Passkey,
    /// A link mailed to the address (a password reset).
    MailedLink,
}

impl Factor {
    pub const ALL: [Self; 5] = [
        Self::Password,
        Self::AuthenticatorCode,
        Self::RecoveryCode,
        Self::Passkey,
        Self::MailedLink,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Password => "pwd",
            Self::AuthenticatorCode => "otp",
            Self::RecoveryCode => "recovery",
            Self::Passkey => "hwk",
            Self::MailedLink => "email",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::AuthenticatorCode => "authenticator code",
            Self::RecoveryCode => "recovery code",
            Self::Passkey => "passkey",
            Self::MailedLink => "mailed link",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|factor| factor.code() == code)
    }

    /// Whether it is a second factor (not the password, nor the mailbox a link went to).
    pub fn is_second(self) -> bool {
        matches!(
            self,
            Self::AuthenticatorCode | Self::RecoveryCode | Self::Passkey
        )
    }

    /// The stored form of a session's factors: their codes, separated by spaces.
    pub fn codes(factors: &[Self]) -> String {
        factors
            .iter()
            .map(|factor| factor.code())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// How the profile says what made a session: "password + authenticator code".
    pub fn describe(codes: &str) -> String {
        codes
            .split_whitespace()
            .map(|code| Self::from_code(code).map_or(code, |factor| factor.label()))
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

#[cfg(test)]
mod tests {
    use super::Factor;

    #[test]
    fn a_session_made_by_password_and_code_reads_as_both() {
        let stored = Factor::codes(&[Factor::Password, Factor::AuthenticatorCode]);
        assert_eq!(stored, "pwd otp");
        assert_eq!(Factor::describe(&stored), "password + authenticator code");
    }
}
