use std::fmt;

/// A password as typed: 8 to 128 characters, never trimmed, never printed.
pub struct Password(String);

impl Password {
    pub const MIN_LEN: usize = 8;
    pub const MAX_LEN: usize = 128;

    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let length = input.chars().count();
        if length < Self::MIN_LEN {
            return Err("Use at least 8 characters.");
        }
        if length > Self::MAX_LEN {
            return Err("Use at most 128 characters.");
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(redacted)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_from_8_to_128_characters_are_accepted() {
        assert!(Password::parse("1234567").is_err());
        assert!(Password::parse("12345678").is_ok());
        assert!(Password::parse(&"p".repeat(64)).is_ok());
        assert!(Password::parse(&"p".repeat(128)).is_ok());
        assert!(Password::parse(&"p".repeat(129)).is_err());
    }

    #[test]
    fn a_password_is_kept_as_typed_including_spaces() {
        assert_eq!(
            Password::parse("  spaced  ").unwrap().expose(),
            "  spaced  "
        );
    }

    #[test]
    fn debug_output_never_shows_the_password() {
        let password = Password::parse("hunter2hunter2").unwrap();
        assert!(!format!("{password:?}").contains("hunter2"));
    }
}
