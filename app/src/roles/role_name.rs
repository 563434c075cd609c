/// A role's name: trimmed, 1 to 60 characters, unique per account whatever the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleName(String);

impl RoleName {
    pub const MAX_LEN: usize = 60;

    pub fn parse(input: &str) -> Result<Self, &'static str> {
        crate::domain::parse_name(
            input,
            Self::MAX_LEN,
            "Enter a name for the role.",
            "Use at most 60 characters.",
        )
        .map(Self)
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
    if description.chars().any(|c| c.is_control() && c != '\n') {
        return Err("Use letters, digits, spaces and punctuation only.");
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

    #[test]
    fn descriptions_hold_no_control_characters_but_line_breaks() {
        assert!(parse_description("nul\0byte").is_err());
        assert!(parse_description("two\nlines").is_ok());
    }
}
