use crate::error::AppError;
use leptos::prelude::*;

/// Changes the name other members see.
#[server(prefix = "/api", endpoint = "change_display_name")]
pub async fn change_display_name(display_name: String) -> Result<(), AppError> {
    use crate::access::require_user;
    use crate::domain::DisplayName;
    use crate::domain::Notice;
    use crate::server::{AppState, respond};

    respond(async move {
        let user = require_user().await?;
        let name = DisplayName::parse(&display_name)
            .map_err(|message| AppError::field("display_name", message))?;
        let state = AppState::from_context()?;
        super::queries::set_display_name(&state.writer, &user.id, &name).await?;
        tracing::info!(user.id = %user.id, "display name changed");
        leptos_axum::redirect(&format!("/profile?notice={}", Notice::NameChanged.key()));
        Ok(())
    })
    .await
}
