//! Following an address link, inside the write transaction. Knows nothing of HTTP or pages.

use super::AddressLinkOutcome;
use crate::auth::user_tokens::{self, LinkHolder, TokenPurpose};
use crate::db::Db;
use crate::invitations::token::TokenHash;

/// A verification link: the address it was sent to is verified, if it is still the user's.
/// Followed again, it says the address is verified rather than that the link is dead.
pub async fn verify(
    conn: &mut dyn Db,
    hash: &TokenHash,
    now: &str,
) -> Result<AddressLinkOutcome, sqlx::Error> {
    let purpose = TokenPurpose::VerifyAddress;
    let Some(LinkHolder {
        user_id,
        email: Some(email),
    }) = user_tokens::use_link(conn, purpose, hash, now).await?
    else {
        return match user_tokens::holder(conn, purpose, hash).await? {
            Some(LinkHolder {
                user_id,
                email: Some(email),
            }) if super::queries::is_verified(conn, &user_id, &email).await? => {
                Ok(AddressLinkOutcome::Verified { email })
            }
            _ => Ok(AddressLinkOutcome::Dead),
        };
    };
    if super::queries::mark_verified(conn, &user_id, &email, now).await? {
        tracing::info!(user.id = %user_id, "address verified");
        Ok(AddressLinkOutcome::Verified { email })
    } else {
        Ok(AddressLinkOutcome::Dead)
    }
}

/// What a confirmed move changed, for the notice to the address the user left.
pub struct Moved {
    pub from: String,
    pub to: String,
}

/// An address-change link: the user's address becomes the one it was sent to (verified), and
/// each of their accounts records `user.address_changed`.
pub async fn confirm_move(
    conn: &mut dyn Db,
    hash: &TokenHash,
    now: &str,
) -> Result<(AddressLinkOutcome, Option<Moved>), sqlx::Error> {
    let purpose = TokenPurpose::ChangeAddress;
    let Some(LinkHolder {
        user_id,
        email: Some(to),
    }) = user_tokens::use_link(conn, purpose, hash, now).await?
    else {
        let already = match user_tokens::holder(conn, purpose, hash).await? {
            Some(LinkHolder {
                user_id,
                email: Some(email),
            }) if super::queries::is_verified(conn, &user_id, &email).await? => {
                AddressLinkOutcome::Moved { email }
            }
            _ => AddressLinkOutcome::Dead,
        };
        return Ok((already, None));
    };
    let Some(from) = super::queries::email_of(conn, &user_id).await? else {
        return Ok((AddressLinkOutcome::Dead, None));
    };
    if !super::queries::move_to(conn, &user_id, &to, now).await? {
        return Ok((AddressLinkOutcome::Taken { email: to }, None));
    }
    crate::audit::record_in_accounts_of(
        conn,
        &user_id,
        crate::audit::AuditAction::UserAddressChanged,
        serde_json::json!({ "from": from, "to": to }),
    )
    .await?;
    tracing::info!(user.id = %user_id, "address changed");
    Ok((
        AddressLinkOutcome::Moved { email: to.clone() },
        Some(Moved { from, to }),
    ))
}
