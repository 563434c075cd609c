//! Reading the addresses an admin pasted: separated by commas, semicolons, spaces or new lines.

use crate::domain::Email;
use std::collections::HashSet;

/// One pasted entry: either an address, or what was typed that is not one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Entry {
    Valid(Email),
    Invalid(String),
}

/// The most addresses one request may carry.
pub const MAX_ENTRIES: usize = 100;

/// The most text one request may paste: every address at its longest, with a separator and a
/// space. Longer text is refused before it is read.
pub const MAX_TEXT_BYTES: usize = MAX_ENTRIES * (Email::MAX_LEN + 2);

/// An invalid entry is shown back to the person who typed it, cut to this many characters.
const MAX_ECHOED_CHARS: usize = 80;

/// The entries in order of first appearance; the same address typed twice (in any case) counts
/// once. Display names in angle brackets (`Ada <ada@example.com>`) are not supported: the `<`
/// makes the entry invalid rather than guessing. Reading stops after `MAX_ENTRIES + 1` entries,
/// enough to tell the caller there were too many; the work is linear in the text.
pub fn parse_email_list(text: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut seen: HashSet<Entry> = HashSet::new();
    for piece in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        if piece.is_empty() {
            continue;
        }
        let entry = match Email::parse(piece) {
            Ok(email) if !piece.contains(['<', '>', '"']) => Entry::Valid(email),
            _ => Entry::Invalid(echo(piece)),
        };
        if seen.insert(entry.clone()) {
            entries.push(entry);
            if entries.len() > MAX_ENTRIES {
                break;
            }
        }
    }
    entries
}

fn echo(piece: &str) -> String {
    match piece.char_indices().nth(MAX_ECHOED_CHARS) {
        Some((cut, _)) => format!("{}\u{2026}", &piece[..cut]),
        None => piece.to_owned(),
    }
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
    fn reading_stops_just_past_the_limit_however_long_the_list() {
        let text: String = (0..128_000).map(|n| format!("p{n}@x.org,")).collect();
        assert_eq!(parse_email_list(&text).len(), MAX_ENTRIES + 1);
    }

    #[test]
    fn a_long_invalid_entry_is_echoed_cut_short() {
        let entries = parse_email_list(&"x".repeat(5000));
        let [Entry::Invalid(echoed)] = entries.as_slice() else {
            panic!("one invalid entry expected");
        };
        assert_eq!(echoed.chars().count(), MAX_ECHOED_CHARS + 1);
    }

    #[test]
    fn blank_input_has_no_entries() {
        assert!(parse_email_list(" ,, \n ").is_empty());
    }
}
