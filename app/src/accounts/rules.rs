//! Changes to an account itself, each inside the caller's write transaction (whose start
//! checked the caller again: `Caller::begin_write`).

use crate::access::Caller;
use crate::db::Db;
use crate::domain::AccountName;
use crate::error::AppError;

/// Renames the account; returns the name it had.
pub async fn rename(
    conn: &mut dyn Db,
    caller: &Caller,
    name: &AccountName,
) -> Result<String, AppError> {
    let before = crate::accounts::queries::account_name_in(conn, &caller.account_id).await?;
    if before == name.as_str() {
        return Ok(before);
    }
    super::queries::rename_account(conn, &caller.account_id, name).await?;
    crate::audit::record(
        conn,
        crate::audit::AuditEvent {
            account_id: &caller.account_id,
            actor: caller.audit_actor(),
            action: crate::audit::AuditAction::AccountRenamed,
            target_kind: "account",
            target_id: &caller.account_id,
            target_name: name.as_str(),
            details: serde_json::json!({ "from": before, "to": name.as_str() }),
        },
    )
    .await?;
    Ok(before)
}

/// What went with a deleted account.
pub struct DeletedAccount {
    pub name: String,
    pub members: u32,
    pub invitations: u32,
}

/// Deletes the account and everything in it, once the caller has typed its name, and tells
/// every other member by mail (queued in the same transaction).
pub async fn delete(
    conn: &mut dyn Db,
    caller: &Caller,
    typed_name: &str,
    now: &str,
) -> Result<DeletedAccount, AppError> {
    let name = crate::accounts::queries::account_name_in(conn, &caller.account_id).await?;
    if typed_name.trim() != name {
        return Err(AppError::field(
            "confirm_name",
            format!(
                "Type the account's name, \u{201c}{name}\u{201d}, exactly as shown to delete it."
            ),
        ));
    }
    let (members, invitations) =
        super::queries::member_and_invitation_counts(conn, &caller.account_id, now).await?;
    // Deleting everything is a person's decision, never a program's.
    let user = caller.signed_in()?;
    let notice = super::deleted_mail::compose(&name, &user.display_name);
    for address in super::queries::member_addresses(conn, &caller.account_id, &user.id).await? {
        crate::outbox::queries::enqueue(conn, None, &address, &notice, now).await?;
    }
    super::queries::delete_account(conn, &caller.account_id).await?;
    Ok(DeletedAccount {
        name,
        members,
        invitations,
    })
}
