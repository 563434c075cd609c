use crate::error::AppError;
use leptos::prelude::*;

/// Sends a pending invitation to another address (the first refused it, or was mistyped) with
/// a new link; the old link stops working.
#[server(prefix = "/api", endpoint = "readdress_invitation")]
pub async fn readdress_invitation(
    account_id: String,
    invitation_id: String,
    email: String,
    #[server(default)] return_to: String,
) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::{Email, Notice};
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteInvites).await?;
        let email = Email::parse(&email).map_err(|message| AppError::field("email", message))?;
        let state = AppState::from_context()?;
        super::sending::mail_again(
            &state,
            &mut caller,
            &invitation_id,
            super::sending::MailAgain::Readdress(&email),
        )
        .await?;
        leptos_axum::redirect(
            &Notice::InvitationReaddressed.added_to(&super::return_path(&account_id, &return_to)),
        );
        Ok(())
    })
    .await
}
