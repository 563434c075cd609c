//! `/api/v1/accounts/{id}/audit-events`: the account's audit log, newest first, with the page's
//! filters and a cursor; as CSV when asked with `Accept: text/csv`. Needs `read:audit_log`.

use super::ApiState;
use super::calling_key::key_caller;
use super::problem::{Problem, ProblemDocument};
use super::refusals::{KeyLacksPermission, KeyOverAllowance, NoLiveKey};
use app::audit::queries::{self, AuditRecord, EventsFrom};
use app::audit::{AuditAction, AuditFilter, csv_of};
use app::error::AppError;
use app::permissions::Permission;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, header};
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditEvent {
    /// Increases with every event of the deployment.
    id: i64,
    at: String,
    actor: EventActor,
    /// `resource.verb`, e.g. `member.roles_changed`.
    action: String,
    target: EventTarget,
    /// What changed, as recorded (an object).
    #[schema(value_type = Object)]
    details: serde_json::Value,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EventActor {
    /// `user`, `api_key`, or `former_user` when the user no longer exists.
    kind: &'static str,
    /// The user's or the key's id, while it exists.
    id: Option<String>,
    /// How the log names the actor: "Ada <ada@example.org>", "API key 'ci-bot'".
    label: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EventTarget {
    /// `member`, `invitation`, `role`, `account`, `api_key`.
    kind: String,
    id: String,
    name: String,
}

fn action_names() -> utoipa::openapi::Object {
    let names = std::iter::once("").chain(AuditAction::ALL.iter().map(|action| action.name()));
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(names))
        .build()
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditEventPage {
    events: Vec<AuditEvent>,
    /// Pass as `after` for older events; absent on the last page.
    next: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// How many events (1–1000, 100 unless given).
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<u32>,
    /// The `next` of the previous page: older events than the one it names (an event id in
    /// hexadecimal, so any such number is a place to continue from).
    #[param(pattern = "^[0-9a-f]{0,15}$", max_length = 15)]
    after: Option<String>,
    /// Only events whose actor's name, address or key name contains this, any case.
    #[param(max_length = 200)]
    actor: Option<String>,
    /// Only events whose target's name contains this, any case.
    #[param(max_length = 200)]
    target: Option<String>,
    /// Only events of this action (`member.removed` …); empty: every action.
    #[param(schema_with = action_names)]
    action: Option<String>,
}

impl From<AuditRecord> for AuditEvent {
    fn from(record: AuditRecord) -> Self {
        let label = record.actor_text();
        let (kind, id) = match (&record.actor_key_id, &record.actor_user_id, record.by_key) {
            (Some(key), _, _) => ("api_key", Some(key.clone())),
            (None, _, true) => ("api_key", None),
            (None, Some(_), false) if record.actor_email.is_some() => {
                ("user", record.actor_user_id.clone())
            }
            _ => ("former_user", None),
        };
        let details = serde_json::from_str(&record.details)
            .unwrap_or(serde_json::Value::String(record.details));
        Self {
            id: record.id,
            at: record.created_at,
            actor: EventActor { kind, id, label },
            action: record.action,
            target: EventTarget {
                kind: record.target_kind,
                id: record.target_id,
                name: record.target_name,
            },
            details,
        }
    }
}

/// The account's audit events, newest first. Needs `read:audit_log`.
#[utoipa::path(
    get,
    path = "/accounts/{account_id}/audit-events",
    tag = "audit",
    params(("account_id" = String, Path, description = "The account's id"), AuditQuery),
    responses(
        (status = 200, description = "One page of events, newest first; with `Accept: text/csv` the same page as CSV, the next page's address in a `Link: <…>; rel=\"next\"` header", content(
            (AuditEventPage = "application/json"),
            (String = "text/csv"),
        )),
        NoLiveKey,
        KeyLacksPermission,
        (status = 404, description = "Not the key's account", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "A limit out of range, an unknown action or a cursor that is none", body = ProblemDocument, content_type = "application/problem+json"),
        KeyOverAllowance,
    ),
    security(("api_key" = ["read:audit_log"]))
)]
pub async fn list(
    State(api): State<ApiState>,
    Path(account_id): Path<String>,
    headers: HeaderMap,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Response, Problem> {
    key_caller(&api, &headers, &account_id, &[Permission::ReadAuditLog]).await?;
    let Query(query) =
        query.map_err(|rejection| AppError::field("query", rejection.body_text()))?;
    let limit = query.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(AppError::field("limit", "Ask for 1 to 1000 events at once.").into());
    }
    let from = match query.after.as_deref().filter(|after| !after.is_empty()) {
        None => EventsFrom::Newest,
        Some(after) => {
            // Lower-case hex digits only, as documented (`from_str_radix` also takes
            // upper case and a leading `+`).
            let id = (after.len() <= 15
                && after
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
            .then(|| i64::from_str_radix(after, 16).ok())
            .flatten()
            .filter(|id| *id >= 0)
            .ok_or_else(|| {
                AppError::field("after", "Pass back the `next` of the previous page.")
            })?;
            EventsFrom::Below(id)
        }
    };
    let action = query.action.unwrap_or_default();
    if !action.is_empty() && !AuditAction::ALL.iter().any(|a| a.name() == action) {
        return Err(AppError::field("action", "No such action is recorded.").into());
    }
    let filter = AuditFilter {
        actor: query.actor.unwrap_or_default(),
        target: query.target.unwrap_or_default(),
        action,
    };
    if filter.actor.len() > 200 || filter.target.len() > 200 {
        return Err(AppError::field("actor", "Filter by at most 200 characters.").into());
    }
    let mut conn = api.app.pool.acquire().await?;
    let mut records = queries::events(&mut conn, &account_id, &filter, from, limit + 1, 0).await?;
    let next = (records.len() > limit as usize).then(|| {
        records.truncate(limit as usize);
        format!("{:x}", records[records.len() - 1].id)
    });
    if !wants_csv(&headers) {
        let events = records.into_iter().map(AuditEvent::from).collect();
        return Ok(Json(AuditEventPage { events, next }).into_response());
    }
    let mut response = csv_of(records.into_iter().map(AuditRecord::into_row)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Some(next) = next {
        let mut link =
            format!("</api/v1/accounts/{account_id}/audit-events?after={next}&limit={limit}");
        for (name, value) in [
            ("actor", &filter.actor),
            ("target", &filter.target),
            ("action", &filter.action),
        ] {
            if !value.is_empty() {
                link.push_str(&format!(
                    "&{name}={}",
                    form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>()
                ));
            }
        }
        link.push_str(">; rel=\"next\"");
        if let Ok(value) = HeaderValue::from_str(&link) {
            headers.insert(header::LINK, value);
        }
    }
    Ok(response)
}

fn wants_csv(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|accept| accept.to_ascii_lowercase().contains("text/csv"))
}
