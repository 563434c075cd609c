/// The rule every name in Roster follows: trimmed, not empty, at most `max_chars` characters,
/// no control characters. Each name type supplies its own wording.
pub fn parse_name(
    input: &str,
    max_chars: usize,
    when_empty: &'static str,
    when_too_long: &'static str,
) -> Result<String, &'static str> {
    let name = input.trim();
    if name.is_empty() {
        return Err(when_empty);
    }
    if name.chars().count() > max_chars {
        return Err(when_too_long);
    }
    if name.chars().any(char::is_control) {
        return Err("Use letters, digits, spaces and punctuation only.");
    }
    Ok(name.to_owned())
}
