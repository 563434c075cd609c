/// A role's name: trimmed, 1 to 60 characters, unique per account whatever the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleName(String);

impl RoleName {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let name = input.trim();
        if name.is_empty() {
            return Err("Enter a name for the role.");
        }
        if name.chars().count() > 60 {
            return Err("Use at most 60 characters.");
        }
        if name.chars().any(char::is_control) {
            return Err("Use letters, digits, spaces and punctuation only.");
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A role's description: trimmed, at most 300 characters, may be empty.
pub fn parse_description(input: &str) -> Result<String, &'static str> {
    let description = input.trim();
    if description.chars().count() > 300 {
        return Err("Use at most 300 characters.");
    }
    Ok(description.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(RoleName::parse("  Billing  ").unwrap().as_str(), "Billing");
        assert!(RoleName::parse("   ").is_err());
        assert!(RoleName::parse(&"x".repeat(61)).is_err());
    }

    #[test]
    fn descriptions_may_be_empty_but_not_long() {
        assert_eq!(parse_description("  ").unwrap(), "");
        assert!(parse_description(&"x".repeat(301)).is_err());
    }
}
