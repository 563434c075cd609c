use crate::error::AppError;
use leptos::prelude::*;

/// Sends a pending invitation again with a new link and a new expiry; the old link stops working.
#[server(prefix = "/api", endpoint = "resend_invitation")]
pub async fn resend_invitation(
    account_id: String,
    invitation_id: String,
    #[server(default)] return_to: String,
) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteInvites).await?;
        let state = AppState::from_context()?;
        super::sending::mail_again(
            &state,
            &mut caller,
            &invitation_id,
            super::sending::MailAgain::Resend,
        )
        .await?;
        leptos_axum::redirect(
            &Notice::InvitationResent.added_to(&super::return_path(&account_id, &return_to)),
        );
        Ok(())
    })
    .await
}
