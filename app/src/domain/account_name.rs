/// The name of an account (an organisation): trimmed, 1 to 100 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountName(String);

impl AccountName {
    pub const MAX_LEN: usize = 100;

    pub fn parse(input: &str) -> Result<Self, &'static str> {
        super::parse_name(
            input,
            Self::MAX_LEN,
            "Enter a name for the account.",
            "Use at most 100 characters.",
        )
        .map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_name_is_trimmed() {
        assert_eq!(
            AccountName::parse(" Acme Ltd ").unwrap().as_str(),
            "Acme Ltd"
        );
    }

    #[test]
    fn an_empty_or_overlong_account_name_is_refused() {
        assert!(AccountName::parse("").is_err());
        assert!(AccountName::parse(&"a".repeat(101)).is_err());
    }
}
