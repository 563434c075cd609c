use super::{AccountSummary, AccountView, MemberRow};
use crate::db::{self, Db, Pool};
use crate::domain::AccountName;
use crate::server::{begin_write, now_rfc3339};

/// Creates the account, the owner's membership and the ownership in one transaction.
pub async fn create_account(
    pool: &Pool,
    owner_id: &str,
    name: &AccountName,
    accounts_per_user: u32,
) -> Result<Option<String>, sqlx::Error> {
    let id = uuid::Uuid::new_v4().to_string();
    let now = now_rfc3339();
    let mut tx = begin_write(pool).await?;
    let belongs_to: i64 = db::query_scalar("SELECT count(*) FROM memberships WHERE user_id = $1")
        .bind(owner_id)
        .fetch_one(&mut tx)
        .await?;
    if belongs_to >= i64::from(accounts_per_user) {
        return Ok(None);
    }
    db::query("INSERT INTO accounts (id, name, created_at) VALUES ($1, $2, $3)")
        .bind(&id)
        .bind(name.as_str())
        .bind(&now)
        .execute(&mut tx)
        .await?;
    db::query("INSERT INTO memberships (account_id, user_id, joined_at) VALUES ($1, $2, $3)")
        .bind(&id)
        .bind(owner_id)
        .bind(&now)
        .execute(&mut tx)
        .await?;
    db::query("INSERT INTO account_owners (account_id, user_id) VALUES ($1, $2)")
        .bind(&id)
        .bind(owner_id)
        .execute(&mut tx)
        .await?;
    crate::roles::queries::insert_builtin_roles(&mut tx, &id, &now).await?;
    crate::audit::record(
        &mut tx,
        crate::audit::AuditEvent {
            account_id: &id,
            actor: crate::audit::AuditActor::User(owner_id),
            action: crate::audit::AuditAction::AccountCreated,
            target_kind: "account",
            target_id: &id,
            target_name: name.as_str(),
            details: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

pub async fn accounts_of_user(
    pool: &Pool,
    user_id: &str,
) -> Result<Vec<AccountSummary>, sqlx::Error> {
    let rows: Vec<(String, String, bool)> = db::query_as(
        "SELECT a.id, a.name, o.user_id IS NOT NULL
         FROM memberships m
         JOIN accounts a ON a.id = m.account_id
         LEFT JOIN account_owners o ON o.account_id = a.id AND o.user_id = m.user_id
         WHERE m.user_id = $1
         ORDER BY a.name COLLATE NOCASE, a.created_at",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, is_owner)| AccountSummary { id, name, is_owner })
        .collect())
}

/// The account and the membership of `user_id` in it, or `None` when they are not a member (or
/// it does not exist). Never the whole member list: that is paged by the members table.
pub async fn account_for_member(
    pool: &Pool,
    account_id: &str,
    user_id: &str,
) -> Result<Option<AccountView>, sqlx::Error> {
    type Row = (String, String, String, String, String, bool, Option<String>);
    let row: Option<Row> = db::query_as(
        "SELECT a.id, a.name, u.id, u.display_name, u.email, o.user_id IS NOT NULL,
                (SELECT string_agg(r.name, '\u{1f}' ORDER BY r.builtin IS NULL, r.name COLLATE NOCASE)
                 FROM member_roles mr JOIN roles r ON r.id = mr.role_id
                 WHERE mr.account_id = m.account_id AND mr.user_id = m.user_id)
         FROM memberships m
         JOIN accounts a ON a.id = m.account_id
         JOIN users u ON u.id = m.user_id
         LEFT JOIN account_owners o ON o.account_id = m.account_id AND o.user_id = m.user_id
         WHERE m.account_id = $1 AND m.user_id = $2",
    )
    .bind(account_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    let Some((id, name, user_id, display_name, email, is_owner, held)) = row else {
        return Ok(None);
    };
    let mut roles = Vec::new();
    if is_owner {
        roles.push("Owner".to_owned());
    }
    roles.extend(
        held.iter()
            .flat_map(|names| names.split('\u{1f}'))
            .map(str::to_owned),
    );
    roles.push(crate::permissions::BuiltinRole::Base.name().to_owned());
    let members = vec![MemberRow {
        user_id,
        display_name,
        email,
        roles,
        is_owner,
    }];
    Ok(Some(AccountView {
        id,
        name,
        members,
        caller_permissions: Vec::new(),
        removers: Vec::new(),
    }))
}

/// The account's name, inside a transaction.
pub async fn account_name_in(conn: &mut dyn Db, account_id: &str) -> Result<String, sqlx::Error> {
    db::query_scalar("SELECT name FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(conn)
        .await
}

pub async fn rename_account(
    conn: &mut dyn Db,
    account_id: &str,
    name: &AccountName,
) -> Result<(), sqlx::Error> {
    db::query("UPDATE accounts SET name = $1 WHERE id = $2")
        .bind(name.as_str())
        .bind(account_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The account's members (by its kept count) and open invitations.
pub async fn member_and_invitation_counts(
    conn: &mut dyn Db,
    account_id: &str,
    now: &str,
) -> Result<(u32, u32), sqlx::Error> {
    let counts: Option<(i64, i64)> = db::query_as(
        "SELECT a.member_count,
                (SELECT count(*) FROM invitations i
                 WHERE i.account_id = a.id AND i.status = 'pending' AND i.expires_at > $2)
         FROM accounts a WHERE a.id = $1",
    )
    .bind(account_id)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    let (members, pending) = counts.unwrap_or((0, 0));
    Ok((db::count(members), db::count(pending)))
}

/// The addresses of every member but `except`, to tell them the account is gone.
pub async fn member_addresses(
    conn: &mut dyn Db,
    account_id: &str,
    except: &str,
) -> Result<Vec<String>, sqlx::Error> {
    db::query_scalar(
        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.account_id = $1 AND m.user_id <> $2 ORDER BY u.email",
    )
    .bind(account_id)
    .bind(except)
    .fetch_all(conn)
    .await
}

/// Deletes the account and everything in it, in the order its foreign keys allow: the
/// invitations (with their roles and unsent mail), the ownership (the account's deferred check
/// on it passes at commit, when the account is gone too), the memberships (with their roles and
/// search rows), the roles, then the account with its audit log.
pub async fn delete_account(conn: &mut dyn Db, account_id: &str) -> Result<(), sqlx::Error> {
    for statement in [
        "DELETE FROM invitations WHERE account_id = $1",
        "DELETE FROM account_owners WHERE account_id = $1",
        "DELETE FROM memberships WHERE account_id = $1",
        "DELETE FROM roles WHERE account_id = $1",
        "DELETE FROM accounts WHERE id = $1",
    ] {
        db::query(statement)
            .bind(account_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The account's name, member count and creation time, as the API shows it.
pub async fn account_card(
    conn: &mut dyn Db,
    account_id: &str,
) -> Result<Option<(String, i64, String)>, sqlx::Error> {
    db::query_as("SELECT name, member_count, created_at FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_optional(conn)
        .await
}
