use crate::error::AppError;
use leptos::prelude::*;

/// Makes a fresh link of a pending invitation for the inviter to hand over another way (the
/// mailed link stops working), and shows it once, on the page the request came from.
#[server(prefix = "/api", endpoint = "copy_invitation_link")]
pub async fn copy_invitation_link(
    account_id: String,
    invitation_id: String,
    #[server(default)] return_to: String,
) -> Result<(), AppError> {
    use crate::access::{HandedOver, authorize};
    use crate::permissions::Permission;
    use crate::server::{AppState, now_rfc3339, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteInvites).await?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        let (invitation, link) = super::rules::hand_over_link(
            &mut tx,
            &caller,
            &invitation_id,
            &state.invitations,
            &now_rfc3339(),
        )
        .await?;
        tx.commit().await?;
        super::HANDED_OVER_LINK
            .give(HandedOver {
                subject_id: invitation.id,
                label: invitation.email,
                secret: link,
            })
            .await?;
        let page = super::return_path(&account_id, &return_to);
        leptos_axum::redirect(&format!("{page}#{}", super::HANDED_OVER_LINK_ID));
        Ok(())
    })
    .await
}
