/// What a user calls one of their passkeys ("Work laptop"): 1 to 60 characters, trimmed, no
/// control characters.
pub struct PasskeyName(String);

impl PasskeyName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(typed: &str) -> Result<Self, &'static str> {
        let name = typed.trim();
        if name.is_empty() {
            return Err(
                "Name the passkey, so that you know it in the list (\u{201c}Work laptop\u{201d}).",
            );
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err("A passkey's name is at most 60 characters.");
        }
        if name.chars().any(char::is_control) {
            return Err("A passkey's name cannot hold control characters.");
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::PasskeyName;

    #[test]
    fn a_name_is_trimmed_and_bounded() {
        assert_eq!(PasskeyName::parse("  Phone ").unwrap().as_str(), "Phone");
        assert!(PasskeyName::parse("   ").is_err());
        assert!(PasskeyName::parse(&"x".repeat(61)).is_err());
        assert!(PasskeyName::parse("a\u{0}b").is_err());
        assert!(PasskeyName::parse("</title><script>alert(1)</script>").is_ok());
    }
}
