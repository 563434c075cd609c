use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the picker and consent page shows. `fields` are the request's parameters, carried by the
/// form back to the authorization endpoint, which checks them all again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionPrompt {
    pub client_name: String,
    pub accounts: Vec<(String, String)>,
    pub chosen: Option<String>,
    pub scopes: Vec<String>,
    pub needs_consent: bool,
    pub fields: Vec<(String, String)>,
}

/// The picker and consent for the authorization request in `query`; `None` when the request is
/// not one to decide on (unknown product, or malformed).
#[server(prefix = "/api", endpoint = "authorization_prompt")]
pub async fn authorization_prompt(query: String) -> Result<Option<DecisionPrompt>, AppError> {
    use crate::oauth::authorize::prompting;
    use crate::oauth::authorize_request::AuthorizeParams;
    use crate::server::{AppState, respond};

    respond(async move {
        let user = crate::access::require_user().await?;
        let state = AppState::from_context()?;
        if query.len() > 16 * 1024 {
            return Ok(None);
        }
        let Some(params) = AuthorizeParams::from_query(&query) else {
            return Ok(None);
        };
        let Some(prompting) = prompting(&state, &params, &user).await? else {
            return Ok(None);
        };
        Ok(Some(DecisionPrompt {
            client_name: prompting.client_name,
            accounts: prompting.accounts,
            chosen: prompting.chosen,
            scopes: prompting.scopes,
            needs_consent: prompting.needs_consent,
            fields: params
                .pairs()
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
        }))
    })
    .await
}
