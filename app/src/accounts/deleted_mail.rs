//! The mail to each former member of a deleted account.

use crate::html_escape::escape_html;
use crate::outbox::ComposedMail;

pub fn compose(account_name: &str, deleted_by: &str) -> ComposedMail {
    ComposedMail {
        subject: format!("The account {account_name} was deleted"),
        text: format!(
            "Hello,\r\n\r\n{deleted_by} deleted the account \"{account_name}\" on Roster. You were a member of it and no longer are: its members, roles, invitations and audit log are gone.\r\n\r\nYour Roster user and your other accounts are not affected.\r\n"
        ),
        html: format!(
            "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\">\
             <p>Hello,</p>\
             <p><strong>{deleted_by}</strong> deleted the account <strong>{account}</strong> on Roster. You were a member of it and no longer are: its members, roles, invitations and audit log are gone.</p>\
             <p>Your Roster user and your other accounts are not affected.</p>\
             </body></html>",
            deleted_by = escape_html(deleted_by),
            account = escape_html(account_name),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::compose;

    #[test]
    fn the_mail_names_the_account_and_who_deleted_it_escaped_in_html() {
        let mail = compose("<b>Acme</b>", "Ada");
        assert!(
            mail.text
                .contains("Ada deleted the account \"<b>Acme</b>\"")
        );
        assert!(mail.html.contains("&lt;b&gt;Acme&lt;/b&gt;"));
        assert!(!mail.html.contains("<b>Acme"));
    }
}
