use crate::error::AppError;
use leptos::prelude::*;

/// Ends the session: it is deleted on the server, not only forgotten by the browser.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::access::{end_session_row, session};
    use crate::server::{internal, respond};

    respond(async move {
        let session = session().await?;
        end_session_row(&session).await?;
        session.flush().await.map_err(internal)?;
        leptos_axum::redirect("/sign-in");
        Ok(())
    })
    .await
}
