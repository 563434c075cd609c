//! The invitation mail.

use crate::html_escape::escape_html;
use crate::outbox::ComposedMail;

/// What the invitation mail says.
pub struct InvitationMailFacts<'a> {
    pub account_name: &'a str,
    /// The person who invited, if a person did (an API key invites for the account).
    pub inviter: Option<Inviter<'a>>,
    pub roles: &'a [String],
    pub expires_at: &'a str,
    pub link: &'a str,
}

pub struct Inviter<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

pub fn compose_invitation(facts: &InvitationMailFacts<'_>) -> ComposedMail {
    let roles = if facts.roles.is_empty() {
        crate::permissions::BuiltinRole::Base.name().to_owned()
    } else {
        facts.roles.join(", ")
    };
    let expires = human_time(facts.expires_at);
    let (subject, text_who, html_who) = match &facts.inviter {
        Some(inviter) => (
            format!(
                "{} invited you to join {} on Roster",
                inviter.name, facts.account_name
            ),
            format!("{} ({}) invited you", inviter.name, inviter.email),
            format!(
                "<strong>{}</strong> ({}) invited you",
                escape_html(inviter.name),
                escape_html(inviter.email)
            ),
        ),
        None => (
            format!("You are invited to join {} on Roster", facts.account_name),
            "You are invited".to_owned(),
            "You are invited".to_owned(),
        ),
    };
    let text = format!(
        "Hello,\r\n\r\n{text_who} to join the account \"{account}\" on Roster with the roles: {roles}.\r\n\r\nOpen this link to accept or decline:\r\n\r\n{link}\r\n\r\nThe link works until {expires}. If you did not expect this invitation, ignore this mail: nothing happens unless you accept.\r\n",
        account = facts.account_name,
        link = facts.link,
    );
    let html = format!(
        "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\">\
         <p>Hello,</p>\
         <p>{html_who} to join the account <strong>{account}</strong> on Roster with the roles: {roles}.</p>\
         <p><a href=\"{link}\">Accept or decline the invitation</a></p>\
         <p>The link works until {expires}. If you did not expect this invitation, ignore this mail: nothing happens unless you accept.</p>\
         </body></html>",
        account = escape_html(facts.account_name),
        roles = escape_html(&roles),
        link = escape_html(facts.link),
        expires = escape_html(&expires),
    );
    ComposedMail {
        subject,
        text,
        html,
    }
}

/// The one reminder of an unanswered invitation: the invitation mail again, said to be a
/// reminder, whose link replaces the first mail's.
pub fn compose_reminder(facts: &InvitationMailFacts<'_>) -> ComposedMail {
    let mail = compose_invitation(facts);
    let note = "This is a reminder. The link in this mail replaces the one in the first mail, which no longer works.";
    ComposedMail {
        subject: format!("Reminder: {}", mail.subject),
        text: mail.text.replacen(
            "Hello,\r\n\r\n",
            &format!("Hello,\r\n\r\n{note}\r\n\r\n"),
            1,
        ),
        html: mail
            .html
            .replacen("<p>Hello,</p>", &format!("<p>Hello,</p><p>{note}</p>"), 1),
    }
}

/// "26 November 2026, 14:05 UTC" from a stored RFC 3339 time.
pub fn human_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .format("%-d %B %Y, %H:%M UTC")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(account: &'a str, roles: &'a [String]) -> InvitationMailFacts<'a> {
        InvitationMailFacts {
            account_name: account,
            inviter: Some(Inviter {
                name: "Ada",
                email: "ada@example.org",
            }),
            roles,
            expires_at: "2026-11-26T14:05:00.000Z",
            link: "https://roster.example.org/invitations/abc",
        }
    }

    #[test]
    fn the_mail_names_the_inviter_the_account_the_roles_the_expiry_and_the_link() {
        let roles = vec!["Admin".to_owned(), "Billing".to_owned()];
        let mail = compose_invitation(&facts("Acme", &roles));
        assert_eq!(mail.subject, "Ada invited you to join Acme on Roster");
        for body in [&mail.text, &mail.html] {
            assert!(body.contains("Ada"));
            assert!(body.contains("Acme"));
            assert!(body.contains("Admin, Billing"));
            assert!(body.contains("26 November 2026, 14:05 UTC"));
            assert!(body.contains("https://roster.example.org/invitations/abc"));
        }
    }

    #[test]
    fn an_invitation_sent_by_a_program_names_no_person() {
        let mail = compose_invitation(&InvitationMailFacts {
            inviter: None,
            ..facts("Acme", &[])
        });
        assert_eq!(mail.subject, "You are invited to join Acme on Roster");
        assert!(
            mail.text
                .contains("You are invited to join the account \"Acme\"")
        );
        assert!(
            mail.html
                .contains("You are invited to join the account <strong>Acme</strong>")
        );
    }

    #[test]
    fn a_reminder_says_so_and_that_its_link_replaces_the_first() {
        let mail = compose_reminder(&facts("Acme", &[]));
        assert_eq!(
            mail.subject,
            "Reminder: Ada invited you to join Acme on Roster"
        );
        for body in [&mail.text, &mail.html] {
            assert!(body.contains("This is a reminder."), "{body}");
            assert!(body.contains("https://roster.example.org/invitations/abc"));
        }
    }

    #[test]
    fn names_cannot_inject_markup_into_the_html_mail() {
        let mail = compose_invitation(&facts("<script>x</script>", &[]));
        assert!(!mail.html.contains("<script>"));
        assert!(mail.html.contains("&lt;script&gt;"));
        assert!(mail.text.contains("roles: Base"));
    }
}
