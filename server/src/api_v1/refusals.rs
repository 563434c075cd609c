//! The answers any operation may give before it starts, described once for the OpenAPI
//! document: no live key, a key without the permission the operation's `security` names, a key
//! over its allowance. (These types only describe; the answers are `Problem`s.)
#![allow(dead_code)]

use super::problem::ProblemDocument;

/// No live key: none, malformed, unknown, revoked or expired (the same answer for each).
#[derive(utoipa::IntoResponses)]
#[response(status = 401, content_type = "application/problem+json")]
pub struct NoLiveKey(ProblemDocument);

/// The key lacks the permission the operation's `security` names, or is suspended (its maker
/// no longer holds what it carries); the detail says which.
#[derive(utoipa::IntoResponses)]
#[response(status = 403, content_type = "application/problem+json")]
pub struct KeyLacksPermission(ProblemDocument);

/// The key's allowance of requests is used up, or this client presented too many keys that do
/// not work; `Retry-After` says when to come back.
#[derive(utoipa::IntoResponses)]
#[response(status = 429, content_type = "application/problem+json")]
pub struct KeyOverAllowance(ProblemDocument);
