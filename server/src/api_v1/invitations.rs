//! `/api/v1/accounts/{id}/invitations`: the pending invitations (`read:invites`), inviting
//! (`write:invites`), sending again and revoking, through the page's rules.

use super::ApiState;
use super::calling_key::key_caller;
use super::json_body::json_body;
use super::problem::{Problem, ProblemDocument};
use super::refusals::{KeyLacksPermission, KeyOverAllowance, NoLiveKey};
use app::error::AppError;
use app::invitations::InviteOutcome;
use app::permissions::Permission;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct Invitation {
    id: String,
    email: String,
    /// The roles the invitee gets on accepting (Base included).
    roles: Vec<String>,
    invited_by: String,
    sent_at: String,
    expires_at: String,
    delivery: Delivery,
}

/// What became of the invitation's latest mail.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Delivery {
    /// `queued`, `sent` (accepted by the recipient's server), `deferred` (a 4xx answer; tried
    /// again at `next_attempt_at`), `failed` (a 5xx answer, attempts used up, or a bounce), or
    /// `handed_over` (its link was copied to be sent another way; no mail).
    #[schema(pattern = "^(queued|sent|deferred|failed|handed_over)$")]
    status: &'static str,
    /// What the receiving server said, or what Roster knows.
    detail: Option<String>,
    next_attempt_at: Option<String>,
    /// When the one reminder was queued.
    reminded_at: Option<String>,
}

/// The pending invitations (at most the account's limit, 50 by default).
#[utoipa::path(
    get,
    path = "/accounts/{account_id}/invitations",
    tag = "invitations",
    params(("account_id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The pending invitations", body = Vec<Invitation>),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["read:invites"]))
)]
pub async fn list(
    State(api): State<ApiState>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<Invitation>>, Problem> {
    key_caller(&api, &headers, &account_id, &[Permission::ReadInvites]).await?;
    let mut conn = api.app.pool.acquire().await?;
    let now = app::server::now_rfc3339();
    let pending =
        app::invitations::queries::listing::list_open(&mut conn, &account_id, None, &now).await?;
    Ok(Json(
        pending
            .into_iter()
            .map(|invitation| Invitation {
                id: invitation.id,
                email: invitation.email,
                roles: invitation.roles,
                invited_by: invitation.invited_by,
                sent_at: invitation.sent_at,
                expires_at: invitation.expires_at,
                delivery: Delivery {
                    status: invitation.delivery.status.key(),
                    detail: invitation.delivery.detail,
                    next_attempt_at: invitation.delivery.retry_at,
                    reminded_at: invitation.delivery.reminded_at,
                },
            })
            .collect(),
    ))
}

// The document's `max_items` above is a literal: it must say what the rule says.
const _: () = assert!(app::invitations::MAX_ENTRIES == 100);

#[derive(Deserialize, utoipa::ToSchema)]
pub struct InviteRequest {
    /// The addresses to invite (at most 100 at once, as on the page).
    #[schema(min_items = 1, max_items = 100)]
    emails: Vec<String>,
    /// The ids of the roles the invitations carry (Base is implicit; never Owner; only roles
    /// whose permissions the key holds).
    #[serde(default)]
    roles: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct InviteAnswer {
    /// The address as sent.
    email: String,
    /// `invited`, or why not: `member` (already one), `pending` (already invited), `invalid`
    /// (no address), `limit` (the account holds as many pending invitations as it may).
    #[schema(pattern = "^(invited|member|pending|invalid|limit)$")]
    outcome: &'static str,
}

/// Invites each address with the roles, as the page does: one answer per address, in order.
/// Needs `write:invites`.
#[utoipa::path(
    post,
    path = "/accounts/{account_id}/invitations",
    tag = "invitations",
    params(("account_id" = String, Path, description = "The account's id")),
    request_body = InviteRequest,
    responses(
        (status = 200, description = "One answer per address", body = Vec<InviteAnswer>),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account, or no such role", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "No addresses, too many, a role the key may not give, or over the hourly mail limit", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["write:invites"]))
)]
pub async fn invite(
    State(api): State<ApiState>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<InviteRequest>, JsonRejection>,
) -> Result<Json<Vec<InviteAnswer>>, Problem> {
    let mut caller = key_caller(&api, &headers, &account_id, &[Permission::WriteInvites]).await?;
    let request = json_body(body, "{\"emails\": […], \"roles\": […]}")?;
    if request.emails.len() > app::invitations::MAX_ENTRIES {
        return Err(AppError::field(
            "emails",
            format!(
                "Invite at most {} addresses at once.",
                app::invitations::MAX_ENTRIES
            ),
        )
        .into());
    }
    // One address per entry: an entry that holds a separator is no address.
    let mut answers = Vec::with_capacity(request.emails.len());
    let mut listed = Vec::new();
    for email in &request.emails {
        match app::invitations::parse_email_list(email).as_slice() {
            [app::invitations::Entry::Valid(valid)] => listed.push(valid.as_str().to_owned()),
            _ => answers.push(InviteAnswer {
                email: email.clone(),
                outcome: InviteOutcome::InvalidAddress.key(),
            }),
        }
    }
    if !listed.is_empty() {
        let results = app::invitations::sending::invite_addresses(
            &api.app,
            &mut caller,
            &listed.join("\n"),
            &request.roles,
        )
        .await?;
        answers.extend(results.into_iter().map(|result| InviteAnswer {
            email: result.email,
            outcome: result.outcome.key(),
        }));
    } else if request.emails.is_empty() {
        return Err(AppError::field("emails", "Send at least one email address.").into());
    }
    Ok(Json(answers))
}

/// A new link and a new mail for a pending invitation (the old link stops working), within
/// the cooldown and the hourly limits. Needs `write:invites`.
#[utoipa::path(
    post,
    path = "/accounts/{account_id}/invitations/{invitation_id}/resend",
    tag = "invitations",
    params(
        ("account_id" = String, Path, description = "The account's id"),
        ("invitation_id" = String, Path, description = "The invitation's id"),
    ),
    responses(
        (status = 204, description = "Sent again"),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account, or no such invitation", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, description = "No longer pending", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 429, description = "Sent moments ago, the hourly mail limit, or the key's allowance", body = ProblemDocument, content_type = "application/problem+json"),
    ),
    security(("api_key" = ["write:invites"]))
)]
pub async fn resend(
    State(api): State<ApiState>,
    Path((account_id, invitation_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<StatusCode, Problem> {
    let mut caller = key_caller(&api, &headers, &account_id, &[Permission::WriteInvites]).await?;
    app::invitations::sending::mail_again(
        &api.app,
        &mut caller,
        &invitation_id,
        app::invitations::sending::MailAgain::Resend,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Revokes a pending invitation: its link stops working at once. Needs `write:invites` or
/// `delete:invites`.
#[utoipa::path(
    delete,
    path = "/accounts/{account_id}/invitations/{invitation_id}",
    tag = "invitations",
    params(
        ("account_id" = String, Path, description = "The account's id"),
        ("invitation_id" = String, Path, description = "The invitation's id"),
    ),
    responses(
        (status = 204, description = "Revoked"),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account, or no such invitation", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, description = "No longer pending", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["write:invites"]), ("api_key" = ["delete:invites"]))
)]
pub async fn revoke(
    State(api): State<ApiState>,
    Path((account_id, invitation_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<StatusCode, Problem> {
    let mut caller = key_caller(
        &api,
        &headers,
        &account_id,
        &[Permission::WriteInvites, Permission::DeleteInvites],
    )
    .await?;
    let mut tx = caller.begin_write(&api.app.writer).await?;
    app::invitations::rules::revoke(
        &mut tx,
        &caller,
        &invitation_id,
        &app::server::now_rfc3339(),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
