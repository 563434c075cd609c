//! Escaping for the few places where Roster writes HTML text itself instead of through a view:
//! the page title (`leptos_meta` writes `<Title>` text as it is) and the HTML part of mails.

/// `text` with the five characters that can end an element, an attribute or an entity
/// replaced by their character references.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The document title of a page: its own part, escaped, then the product's name.
pub fn page_title(text: &str) -> String {
    format!("{} \u{b7} Roster", escape_html(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_title_cannot_close_the_title_element() {
        assert_eq!(
            page_title("</title><script>alert(1)</script>"),
            "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; \u{b7} Roster"
        );
    }

    #[test]
    fn quotes_and_ampersands_are_escaped_too() {
        assert_eq!(
            escape_html(r#"a & "b" 'c'"#),
            "a &amp; &quot;b&quot; &#39;c&#39;"
        );
    }
}
