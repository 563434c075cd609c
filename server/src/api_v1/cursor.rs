//! Cursors for paged lists: opaque to a program (hex of where the last page stopped), checked
//! when they come back.

use app::error::AppError;

pub struct Cursor(String);

impl Cursor {
    pub fn of(position: &str) -> Self {
        Self(position.to_owned())
    }

    /// A cursor the API gave out, or a field error on `field`.
    pub fn parse(text: &str, field: &str) -> Result<Self, AppError> {
        let refused = || AppError::field(field, "Pass back the `next` of the previous page.");
        if text.len() > 2048 {
            return Err(refused());
        }
        let bytes = app::secrets::hex::decode(text);
        // Any position is a place to continue from: bytes that are no text still order.
        bytes
            .map(|bytes| Self(String::from_utf8_lossy(&bytes).into_owned()))
            .ok_or_else(refused)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.bytes().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_comes_back_as_it_went_out() {
        let out = Cursor::of("ada lovelace\u{1f}ada@example.org").to_string();
        assert_eq!(
            Cursor::parse(&out, "after").unwrap().as_str(),
            "ada lovelace\u{1f}ada@example.org"
        );
    }

    #[test]
    fn text_that_is_no_cursor_is_a_field_error() {
        for text in ["zz", "abc", "é1"] {
            assert!(Cursor::parse(text, "after").is_err(), "{text}");
        }
    }
}
