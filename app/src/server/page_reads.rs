//! What one page reads once, however many of its parts ask: the signed-in user, and their
//! permissions in each account. A page is rendered from several server calls (the header's
//! accounts, the banner, each section); without this each of them read the user and computed
//! permissions again. Kept for one GET request only, so every request still reads afresh and a
//! write always checks against the database.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::permissions::PermissionSet;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

type Permissions = Option<PermissionSet>;

#[derive(Clone, Default)]
pub struct PageReads {
    user: Arc<OnceCell<Option<CurrentUser>>>,
    permissions: Arc<Mutex<HashMap<String, Arc<OnceCell<Permissions>>>>>,
}

impl PageReads {
    /// Gives the request being served a place for its reads (called once per request).
    pub fn provide() {
        leptos::prelude::provide_context(Self::default());
    }

    /// The place of this request, when it is a read-only one (a page, or a GET call).
    fn of_this_request() -> Option<Self> {
        let reading = leptos::prelude::use_context::<http::request::Parts>()
            .is_some_and(|parts| parts.method == http::Method::GET);
        reading.then(leptos::prelude::use_context::<Self>).flatten()
    }

    /// The signed-in user: read by `read` the first time this request asks.
    pub async fn user<Read>(read: impl FnOnce() -> Read) -> Result<Option<CurrentUser>, AppError>
    where
        Read: Future<Output = Result<Option<CurrentUser>, AppError>>,
    {
        match Self::of_this_request() {
            Some(reads) => reads.user.get_or_try_init(read).await.cloned(),
            None => read().await,
        }
    }

    /// The user's permissions in `account_id`: computed by `read` the first time.
    pub async fn permissions<Read>(
        account_id: &str,
        read: impl FnOnce() -> Read,
    ) -> Result<Permissions, AppError>
    where
        Read: Future<Output = Result<Permissions, AppError>>,
    {
        let Some(reads) = Self::of_this_request() else {
            return read().await;
        };
        let cell = reads
            .permissions
            .lock()
            .map_err(|_| AppError::Internal)?
            .entry(account_id.to_owned())
            .or_default()
            .clone();
        cell.get_or_try_init(read).await.cloned()
    }
}
