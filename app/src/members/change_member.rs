use crate::error::AppError;
use leptos::prelude::*;

/// Gives a member exactly the roles `roles` (Base is implicit; Owner is handed over instead).
#[server(prefix = "/api", endpoint = "set_member_roles")]
pub async fn set_member_roles(
    account_id: String,
    user_id: String,
    #[server(default)] roles: Vec<String>,
) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::WriteUsers).await?;
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        super::rules::set_roles(&mut tx, &caller, &user_id, &roles).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/accounts/{account_id}?notice={}",
            Notice::RolesSaved.key()
        ));
        Ok(())
    })
    .await
}

/// The owner hands ownership to another member (`confirm=transfer`); they stay with Admin.
#[server(prefix = "/api", endpoint = "transfer_ownership")]
pub async fn transfer_ownership(
    account_id: String,
    user_id: String,
    #[server(default)] confirm: String,
    #[server(default)] second_factor_code: String,
) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::Confirmation;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        // Every member may ask; the rule itself says only the owner succeeds.
        let mut caller = authorize(&account_id, Permission::ReadAccount).await?;
        if !Confirmation::TransferOwnership.given(&confirm) {
            return Err(AppError::Conflict(
                "Confirm that you want to hand over ownership.".into(),
            ));
        }
        let state = AppState::from_context()?;
        // Asked of the owner only: anyone else is refused by the rule without a code.
        if caller.is_owner {
            crate::second_factor::step_up::confirm_fresh(
                &state,
                caller.signed_in()?,
                Some(&second_factor_code),
            )
            .await?;
        }
        let mut tx = caller.begin_write(&state.writer).await?;
        super::rules::transfer_ownership(&mut tx, &caller, &user_id).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/accounts/{account_id}?notice={}",
            Notice::OwnershipTransferred.key()
        ));
        Ok(())
    })
    .await
}

/// Removes a member from the account (`confirm=remove`): never the owner, never yourself.
#[server(prefix = "/api", endpoint = "remove_member")]
pub async fn remove_member(
    account_id: String,
    user_id: String,
    #[server(default)] confirm: String,
    /// Any value keeps the pending invitations the member sent; without it they are revoked.
    #[server(default)]
    keep_invitations: String,
) -> Result<(), AppError> {
    use crate::access::authorize;
    use crate::domain::Confirmation;
    use crate::domain::Notice;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let mut caller = authorize(&account_id, Permission::DeleteUsers).await?;
        if !Confirmation::RemoveMember.given(&confirm) {
            return Err(AppError::Conflict(
                "Confirm that you want to remove this member's access.".into(),
            ));
        }
        let state = AppState::from_context()?;
        let mut tx = caller.begin_write(&state.writer).await?;
        let keep = !keep_invitations.is_empty();
        super::rules::remove(&mut tx, &caller, &user_id, keep).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/accounts/{account_id}?notice={}",
            Notice::MemberRemoved.key()
        ));
        Ok(())
    })
    .await
}
