//! `/api/v1/mail/bounces`: the operator's mail system reports a bounce that came back after a
//! mail went out. The report is signed with the bounce secret the way Roster signs its webhooks
//! (`Roster-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`); one that is not,
//! or is older than `--bounce-report-max-age-secs`, or was recorded already, is refused.

use super::ApiState;
use super::problem::{Problem, ProblemDocument};
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::State;
use http::{HeaderMap, StatusCode};
use serde::Deserialize;

/// How a bounce is reported.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct BounceReport {
    /// The address the bounce came back to: the mail's return path,
    /// `bounces+<mail>.<tag>@<domain>`.
    return_path: String,
    /// Why the mail bounced, as the remote server said it (shown to the account's admins; cut
    /// to its first 1,000 characters).
    reason: String,
}

const MAX_REASON_CHARS: usize = 1000;

/// Records a bounce: the invitation the mail carried shows it failed, with the reason, and
/// `invitation.delivery_failed` is announced. Signed with the bounce secret, not an API key.
#[utoipa::path(
    post,
    path = "/mail/bounces",
    tag = "mail",
    request_body = BounceReport,
    params(("Roster-Signature" = String, Header, description = "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" under the bounce secret>")),
    responses(
        (status = 204, description = "Recorded"),
        (status = 403, description = "Not signed with the bounce secret, or signed too long ago", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, description = "This server takes no bounce reports (no --bounce-mailbox)", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, description = "This mail's bounce is recorded already (a replay)", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "Not a report, or a return path no mail of this server has", body = ProblemDocument, content_type = "application/problem+json"),
    ),
    security(("bounce_signature" = []))
)]
pub async fn report(
    State(api): State<ApiState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, Problem> {
    let Some(bounces) = api.bounces.as_ref() else {
        return Err(
            AppError::NotFound("Bounce reporting (no --bounce-mailbox is set)".into()).into(),
        );
    };
    let signature = headers
        .get(app::webhooks::signature::HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let Some(signed_at) = app::webhooks::signature::verify(bounces.secret(), signature, &body)
    else {
        return Err(AppError::ForbiddenBecause(
            "The report is not signed with the bounce secret (Roster-Signature).".into(),
        )
        .into());
    };
    let age = chrono::Utc::now().timestamp().saturating_sub(signed_at);
    if age.unsigned_abs() > api.bounce_max_age.as_secs() {
        return Err(AppError::ForbiddenBecause(
            "The report was signed too long ago (or ahead of this server's clock); sign it again."
                .into(),
        )
        .into());
    }
    let report: BounceReport = serde_json::from_slice(&body).map_err(|_| {
        AppError::field(
            "body",
            "Send {\"return_path\": \"bounces+…@…\", \"reason\": \"…\"} as JSON.",
        )
    })?;
    let Some(mail_id) = bounces.mail_of(&report.return_path) else {
        return Err(AppError::field(
            "return_path",
            "No mail of this server has this return path.",
        )
        .into());
    };
    let reason: String = report
        .reason
        .trim()
        .chars()
        .take(MAX_REASON_CHARS)
        .collect();
    let reason = if reason.is_empty() {
        "no reason given".to_owned()
    } else {
        reason
    };
    let mut tx = app::server::begin_write(&api.app.writer).await?;
    let now = app::server::now_rfc3339();
    match app::invitations::rules::record_bounce(&mut tx, mail_id, &reason, &now).await? {
        app::invitations::rules::Bounce::Recorded => {
            tx.commit().await?;
            Ok(StatusCode::NO_CONTENT)
        }
        app::invitations::rules::Bounce::NotNews => Err(AppError::Conflict(
            "This mail's bounce is recorded already, or the mail has not gone out.".into(),
        )
        .into()),
    }
}
