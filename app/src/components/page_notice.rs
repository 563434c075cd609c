use super::path_of;
use crate::domain::Notice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Server functions that pages call with plain HTML forms (no island): when one fails without
/// JavaScript, the framework returns to the page with the error in the URL, and this shows it.
/// (The invite form shows its own errors next to its fields.)
const PLAIN_FORM_FUNCTIONS: [&str; 11] = [
    path_of::<crate::addresses::SendVerificationAgain>(),
    path_of::<crate::members::SetMemberRoles>(),
    path_of::<crate::members::TransferOwnership>(),
    path_of::<crate::members::RemoveMember>(),
    path_of::<crate::invitations::AcceptInvitation>(),
    path_of::<crate::invitations::DeclineInvitation>(),
    path_of::<crate::invitations::ResendInvitation>(),
    path_of::<crate::invitations::RevokeInvitation>(),
    path_of::<crate::invitations::CopyInvitationLink>(),
    path_of::<crate::invitations::ReaddressInvitation>(),
    path_of::<crate::invitations::ResendExpiredInvitations>(),
];

/// The outcome of the last plain form post, at the top of the page, announced to screen readers.
#[component]
pub fn PageNotice() -> impl IntoView {
    let query = use_query_map();
    let query = query.read_untracked();
    let notice = query
        .get("notice")
        .and_then(|key| Notice::from_key(&key))
        .map(|notice| view! { <p class="notice" role="status">{notice.message()}</p> });
    let error = PLAIN_FORM_FUNCTIONS
        .iter()
        .find_map(|path| url_error(path))
        .map(|error| view! { <p class="form-error" role="alert">{error.to_string()}</p> });
    view! { {notice} {error} }
}

/// The error with which the plain form posting to server function `path` came back, if any.
pub fn url_error(path: &str) -> Option<AppError> {
    let query = use_query_map();
    let query = query.read_untracked();
    if query.get("__path").as_deref() != Some(path) {
        return None;
    }
    query
        .get("__err")
        .map(|encoded| server_fn::error::ServerFnUrlError::<AppError>::decode_err(&encoded))
}
