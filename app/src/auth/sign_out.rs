use crate::error::AppError;
use leptos::prelude::*;

/// Ends the session: it is deleted on the server, not only forgotten by the browser.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{AppState, SessionKeys, internal, respond, session};

    respond(async move {
        let session = session().await?;
        let row: Option<String> = session.get(SessionKeys::ROW).await.map_err(internal)?;
        let user: Option<String> = session.get(SessionKeys::USER_ID).await.map_err(internal)?;
        if let (Some(row), Some(user)) = (row, user) {
            let state = AppState::from_context()?;
            super::sessions_queries::end(&state.writer, &user, &row).await?;
        }
        session.flush().await.map_err(internal)?;
        leptos_axum::redirect("/sign-in");
        Ok(())
    })
    .await
}
