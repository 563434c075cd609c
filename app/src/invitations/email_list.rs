//! Reading the addresses an admin pasted: separated by commas, semicolons, spaces or new lines.

use crate::domain::Email;

/// One pasted entry: either an address, or what was typed that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Valid(Email),
    Invalid(String),
}

/// The most addresses one request may carry.
pub const MAX_ENTRIES: usize = 100;

/// The entries in order of first appearance; the same address typed twice (in any case) counts
/// once. Display names in angle brackets (`Ada <ada@example.com>`) are not supported: the `<`
/// makes the entry invalid rather than guessing.
pub fn parse_email_list(text: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for piece in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        if piece.is_empty() {
            continue;
        }
        let entry = match Email::parse(piece) {
            Ok(email) if !piece.contains(['<', '>', '"']) => Entry::Valid(email),
            _ => Entry::Invalid(piece.to_owned()),
        };
        if !entries.contains(&entry) {
            entries.push(entry);
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(s: &str) -> Entry {
        Entry::Valid(Email::parse(s).unwrap())
    }

    #[test]
    fn addresses_may_be_separated_by_commas_spaces_semicolons_and_new_lines() {
        let entries = parse_email_list("a@x.org, b@x.org;c@x.org\n d@x.org\r\n\te@x.org");
        assert_eq!(
            entries,
            ["a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org"].map(valid)
        );
    }

    #[test]
    fn the_same_address_in_another_case_counts_once() {
        let entries = parse_email_list("Ada@Example.org ada@example.ORG");
        assert_eq!(entries, vec![valid("ada@example.org")]);
    }

    #[test]
    fn what_is_not_an_address_is_kept_as_invalid_in_its_place() {
        let entries = parse_email_list("a@x.org not-an-address <b@x.org> c@x.org");
        assert_eq!(
            entries,
            vec![
                valid("a@x.org"),
                Entry::Invalid("not-an-address".into()),
                Entry::Invalid("<b@x.org>".into()),
                valid("c@x.org"),
            ]
        );
    }

    #[test]
    fn blank_input_has_no_entries() {
        assert!(parse_email_list(" ,, \n ").is_empty());
    }
}
