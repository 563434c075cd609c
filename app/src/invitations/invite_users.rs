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
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteInvites).await?;
        let state = AppState::from_context()?;
        let results =
            super::sending::invite_addresses(&state, &mut caller, &emails, &roles).await?;
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
