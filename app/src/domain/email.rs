use std::fmt;

/// An email address, trimmed and lower-cased, so that two spellings of one address are equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(input: &str) -> Result<Self, &'static str> {
        // Checked before any copy: a megabyte of text is refused as cheaply as a byte.
        if input.len() > Self::MAX_LEN * 4 + 64 {
            return Err("This email address is too long.");
        }
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err("Enter your email address.");
        }
        if email.chars().count() > Self::MAX_LEN {
            return Err("This email address is too long.");
        }
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err("Enter an email address like name@example.com.");
        };
        let well_formed = !local.is_empty()
            && !domain.is_empty()
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && !local.contains('@');
        if !well_formed {
            return Err("Enter an email address like name@example.com.");
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_trimmed_and_lower_cased() {
        let email = Email::parse("  Ada.Lovelace@Example.COM \n").unwrap();
        assert_eq!(email.as_str(), "ada.lovelace@example.com");
    }

    #[test]
    fn two_spellings_of_one_address_are_equal() {
        assert_eq!(
            Email::parse("BOB@example.org").unwrap(),
            Email::parse("bob@EXAMPLE.org ").unwrap()
        );
    }

    #[test]
    fn malformed_addresses_are_refused_with_a_message() {
        for bad in [
            "",
            "   ",
            "bob",
            "@example.com",
            "bob@",
            "bob@.com",
            "bob@example.",
            "bo b@x.org",
            "a@b@c.org",
            "bob@exa..mple.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn an_overlong_address_is_refused() {
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err("This email address is too long."));
    }
}
