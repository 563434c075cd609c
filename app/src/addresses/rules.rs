//! Following an address link, inside the write transaction. Knows nothing of HTTP or pages.

use super::AddressLinkOutcome;
use crate::auth::user_tokens::{self, LinkHolder, TokenPurpose};
use crate::db::Db;
use crate::secrets::SecretHash;

/// Whether a live link of `purpose` was sent for another user than `user_id`: then following
/// it changes nothing. (A mail scanner or a link preview has no session; a squatter who signed
/// up with someone else's address is not the user the mail's real reader is signed in as.)
async fn sent_for_another(
    conn: &mut dyn Db,
    purpose: TokenPurpose,
    hash: &SecretHash,
    user_id: &str,
) -> Result<bool, sqlx::Error> {
    Ok(user_tokens::holder(conn, purpose, hash)
        .await?
        .is_some_and(|holder| holder.user_id != user_id))
}

/// A verification link, followed by the signed-in `user_id`: the address it was sent to is
/// verified, if it is still theirs. Followed again, it says the address is verified rather than
/// that the link is dead.
pub async fn verify(
    conn: &mut dyn Db,
    hash: &SecretHash,
    user_id: &str,
    now: &str,
) -> Result<AddressLinkOutcome, sqlx::Error> {
    let purpose = TokenPurpose::VerifyAddress;
    if sent_for_another(conn, purpose, hash, user_id).await? {
        return Ok(AddressLinkOutcome::NotYours);
    }
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

/// An address-change link, followed by the signed-in `user_id` who asked for it: their address
/// becomes the one it was sent to (verified), and each of their accounts records
/// `user.address_changed`.
pub async fn confirm_move(
    conn: &mut dyn Db,
    hash: &SecretHash,
    user_id: &str,
    now: &str,
) -> Result<(AddressLinkOutcome, Option<Moved>), sqlx::Error> {
    let purpose = TokenPurpose::ChangeAddress;
    if sent_for_another(conn, purpose, hash, user_id).await? {
        return Ok((AddressLinkOutcome::NotYours, None));
    }
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
    // A reset link mailed to the address they left must not open the user any more.
    user_tokens::void_unused(conn, &user_id, TokenPurpose::PasswordReset).await?;
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
