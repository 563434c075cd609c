use crate::error::AppError;
use leptos::prelude::*;

/// Ends the session: it is deleted on the server, not only forgotten by the browser.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{internal, respond, session};

    respond(async move {
        session().await?.flush().await.map_err(internal)?;
        leptos_axum::redirect("/sign-in");
        Ok(())
    })
    .await
}
