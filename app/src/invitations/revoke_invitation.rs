use crate::error::AppError;
use leptos::prelude::*;

/// Withdraws a pending invitation: its link stops working. Needs `confirm=revoke`, so that a
/// stray request cannot do it.
#[server(prefix = "/api", endpoint = "revoke_invitation")]
pub async fn revoke_invitation(
    account_id: String,
    invitation_id: String,
    #[server(default)] confirm: String,
    #[server(default)] return_to: String,
) -> Result<(), AppError> {
    use crate::access::authorize_any;
    use crate::domain::Confirmation;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize_any(
            &account_id,
            &[Permission::WriteInvites, Permission::DeleteInvites],
        )
        .await?;
        if !Confirmation::RevokeInvitation.given(&confirm) {
            return Err(AppError::Conflict(
                "Confirm that you want to revoke this invitation.".into(),
            ));
        }
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        super::rules::revoke(&mut tx, &caller, &invitation_id, &now_rfc3339()).await?;
        tx.commit().await?;
        leptos_axum::redirect(
            &Notice::InvitationRevoked.added_to(&super::return_path(&account_id, &return_to)),
        );
        Ok(())
    })
    .await
}
