//! What one page reads once, however many of its parts ask: the signed-in user, their
//! permissions in each account, the accounts of the header and the home page, the roles an
//! inviter may give. A page is rendered from several server calls (the header's accounts, the
//! banner, each section); without this each of them read the same rows again. Kept for one GET
//! request only, so every request still reads afresh and a write always checks against the
//! database.

use super::MemberRights;
use crate::auth::CurrentUser;
use crate::error::AppError;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

type Shared = Arc<dyn Any + Send + Sync>;

#[derive(Clone, Default)]
pub struct PageReads {
    reads: Arc<Mutex<HashMap<String, Arc<OnceCell<Shared>>>>>,
}

impl PageReads {
    /// Gives the request being served a place for its reads (called once per request).
    pub fn provide() {
        leptos::prelude::provide_context(Self::default());
    }

    /// The place of this request, when it is a read-only one (a page, or a GET call).
    fn of_this_request() -> Option<Self> {
        super::account_door::rendering_a_page()
            .then(leptos::prelude::use_context::<Self>)
            .flatten()
    }

    /// What `read` returns, read the first time this request asks for `key`. Outside a
    /// read-only request, `read` runs every time.
    pub async fn once<T, Read>(key: String, read: impl FnOnce() -> Read) -> Result<T, AppError>
    where
        T: Clone + Send + Sync + 'static,
        Read: Future<Output = Result<T, AppError>>,
    {
        let Some(reads) = Self::of_this_request() else {
            return read().await;
        };
        let cell = reads
            .reads
            .lock()
            .map_err(|_| AppError::Internal)?
            .entry(key)
            .or_default()
            .clone();
        let value = cell
            .get_or_try_init(|| async { read().await.map(|value| Arc::new(value) as Shared) })
            .await?;
        value.downcast_ref::<T>().cloned().ok_or(AppError::Internal)
    }

    /// The signed-in user, read once per page.
    pub async fn user<Read>(read: impl FnOnce() -> Read) -> Result<Option<CurrentUser>, AppError>
    where
        Read: Future<Output = Result<Option<CurrentUser>, AppError>>,
    {
        Self::once("user".to_owned(), read).await
    }

    /// The user's rights in `account_id` (`None`: not a member), read once per page.
    pub async fn rights<Read>(
        account_id: &str,
        read: impl FnOnce() -> Read,
    ) -> Result<Option<MemberRights>, AppError>
    where
        Read: Future<Output = Result<Option<MemberRights>, AppError>>,
    {
        Self::once(format!("rights:{account_id}"), read).await
    }
}
