//! The mail with the link to set a new password.

use crate::html_escape::escape_html;
use crate::outbox::ComposedMail;

pub fn compose(link: &str, minutes: u64) -> ComposedMail {
    let lifetime = if minutes.is_multiple_of(60) {
        let hours = minutes / 60;
        format!("{hours} hour{}", if hours == 1 { "" } else { "s" })
    } else {
        format!("{minutes} minutes")
    };
    ComposedMail {
        subject: "Set a new Roster password".into(),
        text: format!(
            "Hello,\r\n\r\nSomeone asked to set a new password for the Roster user with this address. If it was you, open this link:\r\n\r\n{link}\r\n\r\nIt works once, for {lifetime}. Setting a new password signs you out everywhere else.\r\n\r\nIf it was not you, ignore this mail: your password stays as it is.\r\n"
        ),
        html: format!(
            "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\">\
             <p>Hello,</p>\
             <p>Someone asked to set a new password for the Roster user with this address. If it was you:</p>\
             <p><a href=\"{link}\">Set a new password</a></p>\
             <p>The link works once, for {lifetime}. Setting a new password signs you out everywhere else.</p>\
             <p>If it was not you, ignore this mail: your password stays as it is.</p>\
             </body></html>",
            link = escape_html(link),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::compose;

    #[test]
    fn the_mail_carries_the_link_and_says_how_long_it_works() {
        let mail = compose("http://roster.test/reset-password/abc", 60);
        assert!(mail.text.contains("http://roster.test/reset-password/abc"));
        assert!(mail.text.contains("for 1 hour."));
        assert!(compose("x", 90).text.contains("for 90 minutes."));
    }
}
