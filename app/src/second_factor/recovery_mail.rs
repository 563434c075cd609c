//! The mail that tells a user one of their recovery codes was used: if it was not them, they
//! learn at once that someone holds their password and a code.

use crate::html_escape::escape_html;
use crate::outbox::ComposedMail;

pub fn compose(public_url: &str, codes_left: i64) -> ComposedMail {
    let profile = format!("{public_url}/profile");
    let left = match codes_left {
        0 => "You have no recovery codes left: make new ones on your profile.".to_owned(),
        1 => "You have 1 recovery code left.".to_owned(),
        n => format!("You have {n} recovery codes left."),
    };
    ComposedMail {
        subject: "A recovery code was used to sign in to Roster".into(),
        text: format!(
            "Hello,\r\n\r\nSomeone just signed in to Roster as you with your password and one of your recovery codes. That code no longer works. {left}\r\n\r\nIf it was not you, change your password and make new recovery codes at once:\r\n\r\n{profile}\r\n"
        ),
        html: format!(
            "<!DOCTYPE html><html><body><p>Hello,</p><p>Someone just signed in to Roster as you with your password and one of your recovery codes. That code no longer works. {left}</p><p>If it was not you, <a href=\"{link}\">change your password and make new recovery codes</a> at once.</p></body></html>",
            left = escape_html(&left),
            link = escape_html(&profile)
        ),
    }
}
