//! The mail to the member who added an endpoint that Roster paused.

use crate::html_escape::escape_html;
use crate::outbox::ComposedMail;

/// Tells the endpoint's maker that it was paused, why, and where to resume it.
pub fn paused_notice(
    url: &str,
    account_name: &str,
    reason: &str,
    webhooks_page: &str,
) -> ComposedMail {
    let paragraphs = [
        format!(
            "Roster paused the webhook endpoint {url} of {account_name}: {reason} Its events wait, none is lost."
        ),
        "Once the endpoint answers again, resume it on the account's Webhooks page:".to_owned(),
    ];
    let mut text = String::from("Hello,\r\n\r\n");
    let mut html = String::from(
        "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\"><p>Hello,</p>",
    );
    for paragraph in &paragraphs {
        text.push_str(paragraph);
        text.push_str("\r\n\r\n");
        html.push_str(&format!("<p>{}</p>", escape_html(paragraph)));
    }
    text.push_str(webhooks_page);
    text.push_str("\r\n");
    html.push_str(&format!(
        "<p><a href=\"{}\">Open the Webhooks page</a></p></body></html>",
        escape_html(webhooks_page)
    ));
    ComposedMail {
        subject: "Roster paused a webhook endpoint".to_owned(),
        text,
        html,
    }
}
