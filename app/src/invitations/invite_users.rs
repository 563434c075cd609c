use super::InviteResult;
use crate::error::AppError;
use leptos::prelude::*;

/// Invites every address in `emails` (separated by commas, semicolons, spaces or new lines) with
/// `roles`, and reports one outcome per address. A form post is sent back to `return_to` (a page
/// of this account) with the outcomes in its query.
#[server(prefix = "/api", endpoint = "invite_users")]
pub async fn invite_users(
    account_id: String,
    emails: String,
    #[server(default)] roles: Vec<String>,
    #[server(default)] return_to: String,
) -> Result<Vec<InviteResult>, AppError> {
    use super::email_list::{Entry, MAX_ENTRIES, MAX_TEXT_BYTES, parse_email_list};
    use super::mail_limits::{mail_budget, over_budget, record_refusal};
    use super::rules;
    use crate::permissions::Permission;
    use crate::server::{AppState, authorize, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteInvites).await?;
        if emails.len() > MAX_TEXT_BYTES {
            return Err(AppError::field(
                "emails",
                format!("That is too much text: paste at most {MAX_ENTRIES} addresses at once."),
            ));
        }
        let entries = parse_email_list(&emails);
        if entries.is_empty() {
            return Err(AppError::field(
                "emails",
                "Enter at least one email address.",
            ));
        }
        if entries.len() > MAX_ENTRIES {
            return Err(AppError::field(
                "emails",
                format!("Invite at most {MAX_ENTRIES} addresses at once."),
            ));
        }
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        let chosen = rules::invitable_roles(&mut tx, &caller, &roles).await?;
        let now = now_rfc3339();
        let budget = mail_budget(&mut tx, &caller, &state.invitations, &now).await?;
        let wanted = entries
            .iter()
            .filter(|e| matches!(e, Entry::Valid(_)))
            .count();
        if let Some(refusal) = over_budget(&budget, wanted) {
            record_refusal(&mut tx, &caller, wanted, &budget).await?;
            tx.commit().await?;
            return Err(AppError::field("emails", refusal));
        }
        let results = rules::invite(
            &mut tx,
            &caller,
            &entries,
            &chosen,
            &state.invitations,
            &now,
        )
        .await?;
        tx.commit().await?;
        state.outbox.notify_one();
        leptos_axum::redirect(&results_url(&account_id, &return_to, &results));
        Ok(results)
    })
    .await
}

/// `return_to` if it is a page of this account, else the account's page, with the outcomes,
/// scrolled to them.
#[cfg(feature = "ssr")]
fn results_url(account_id: &str, return_to: &str, results: &[InviteResult]) -> String {
    let page = super::return_path(account_id, return_to);
    let encoded: Vec<String> = results
        .iter()
        .map(|r| format!("{}:{}", r.outcome.key(), r.email))
        .collect();
    let query = form_urlencoded_pair("invited", &encoded.join("\n"));
    let separator = if page.contains('?') { '&' } else { '?' };
    format!("{page}{separator}{query}#{}", super::INVITE_RESULTS_ID)
}

#[cfg(feature = "ssr")]
fn form_urlencoded_pair(key: &str, value: &str) -> String {
    let mut out = format!("{key}=");
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'@' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
