//! The mails about a user's address: the verification link, the link that moves them to a new
//! address, the notice to the address they left, and the notice to an address already taken.

use crate::html_escape::escape_html;
use crate::outbox::ComposedMail;

/// "Hello," then each paragraph, with the link (its label in HTML) after the first.
fn compose(subject: &str, paragraphs: &[String], link: Option<(&str, &str)>) -> ComposedMail {
    let mut text = String::from("Hello,\r\n\r\n");
    let mut html = String::from(
        "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\"><p>Hello,</p>",
    );
    for (index, paragraph) in paragraphs.iter().enumerate() {
        text.push_str(paragraph);
        text.push_str("\r\n\r\n");
        html.push_str(&format!("<p>{}</p>", escape_html(paragraph)));
        if let (0, Some((label, url))) = (index, link) {
            text.push_str(url);
            text.push_str("\r\n\r\n");
            html.push_str(&format!(
                "<p><a href=\"{}\">{}</a></p>",
                escape_html(url),
                escape_html(label)
            ));
        }
    }
    html.push_str("</body></html>");
    ComposedMail {
        subject: subject.to_owned(),
        text,
        html,
    }
}

fn hours(lifetime: std::time::Duration) -> String {
    match lifetime.as_secs() / 3600 {
        1 => "1 hour".to_owned(),
        hours => format!("{hours} hours"),
    }
}

pub fn verification(link: &str, lifetime: std::time::Duration) -> ComposedMail {
    compose(
        "Verify your address for Roster",
        &[
            "Follow this link to confirm that this address is yours:".to_owned(),
            format!(
                "It works once, for {}. Invitations sent to this address show in Roster once it is verified.",
                hours(lifetime)
            ),
            "If you did not create a Roster user, ignore this mail.".to_owned(),
        ],
        Some(("Verify my address", link)),
    )
}

pub fn move_link(link: &str, from: &str, lifetime: std::time::Duration) -> ComposedMail {
    compose(
        "Confirm your new address for Roster",
        &[
            format!(
                "The Roster user {from} asked to use this address from now on. Follow this link to confirm it:"
            ),
            format!(
                "It works once, for {}. Until it is followed, the user keeps the address {from}.",
                hours(lifetime)
            ),
            "If you did not ask for this, ignore this mail: nothing changes.".to_owned(),
        ],
        Some(("Use this address", link)),
    )
}

pub fn moved_notice(from: &str, to: &str, public_url: &str) -> ComposedMail {
    compose(
        "Your Roster address was changed",
        &[
            format!(
                "The Roster user that had the address {from} now has the address {to}: that address followed the link sent to it. Mail from Roster goes there from now on, and you sign in with it."
            ),
            format!(
                "If you did not do this, someone else may be signed in as you: set a new password from {public_url}/forgot-password with the new address if you can reach it, or ask an account owner for help."
            ),
        ],
        None,
    )
}

pub fn taken_notice(public_url: &str) -> ComposedMail {
    compose(
        "Someone tried to move a Roster user to your address",
        &[
            "A Roster user asked to use this address, which already has a Roster user of its own, so nothing changed.".to_owned(),
            format!("If it was you, sign in with this address instead: {public_url}/sign-in"),
        ],
        None,
    )
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    #[test]
    fn the_verification_mail_carries_the_link_and_its_lifetime() {
        let mail = super::verification(
            "http://roster.test/verify-address/abc",
            Duration::from_secs(24 * 3600),
        );
        assert!(mail.text.contains("http://roster.test/verify-address/abc"));
        assert!(mail.text.contains("for 24 hours."));
        assert!(
            mail.html
                .contains("href=\"http://roster.test/verify-address/abc\"")
        );
    }

    #[test]
    fn addresses_in_the_move_mails_are_escaped_in_html() {
        let mail = super::moved_notice("<b>@x.test", "new@x.test", "http://roster.test");
        assert!(mail.text.contains("<b>@x.test"));
        assert!(mail.html.contains("&lt;b&gt;@x.test"));
        assert!(!mail.html.contains("<b>@"));
    }
}
