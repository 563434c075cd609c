use super::AuditPage;
use crate::error::AppError;
use leptos::prelude::*;

/// The account's audit log, newest first, filtered and a page at a time.
#[server(prefix = "/api", endpoint = "audit_log")]
pub async fn audit_log(
    account_id: String,
    #[server(default)] actor: String,
    #[server(default)] target: String,
    #[server(default)] action: String,
    #[server(default)] page: u32,
) -> Result<AuditPage, AppError> {
    use super::AuditFilter;
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        let caller = authorize(&account_id, Permission::ReadAuditLog).await?;
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let page = page.max(1);
        let filter = AuditFilter {
            actor,
            target,
            action,
        };
        // One row past the page says whether an older page exists, without counting the log.
        let mut rows = super::queries::events(
            &mut conn,
            &account_id,
            &filter,
            super::queries::EventsFrom::Newest,
            AuditPage::PAGE_SIZE + 1,
            (page - 1) * AuditPage::PAGE_SIZE,
        )
        .await?
        .into_iter()
        .map(super::queries::AuditRecord::into_row)
        .collect::<Vec<_>>();
        let has_older = rows.len() > AuditPage::PAGE_SIZE as usize;
        rows.truncate(AuditPage::PAGE_SIZE as usize);
        Ok(AuditPage {
            account_name: crate::accounts::caller_account_name(&state, &caller).await?,
            rows,
            page,
            has_older,
            actions: super::AuditAction::ALL
                .iter()
                .map(|action| action.name().to_owned())
                .collect(),
        })
    })
    .await
}

/// The filtered audit log as a CSV file (a GET, so that a plain link downloads it).
#[server(prefix = "/api", endpoint = "audit_log_csv", input = server_fn::codec::GetUrl, output = server_fn::codec::StreamingText)]
pub async fn audit_log_csv(
    account_id: String,
    #[server(default)] actor: String,
    #[server(default)] target: String,
    #[server(default)] action: String,
) -> Result<server_fn::codec::TextStream<AppError>, AppError> {
    use super::AuditFilter;
    use crate::access::authorize;
    use crate::permissions::Permission;
    use crate::server::{AppState, respond};

    respond(async move {
        authorize(&account_id, Permission::ReadAuditLog).await?;
        let state = AppState::from_context()?;
        let mut conn = state.pool.acquire().await?;
        let filter = AuditFilter {
            actor,
            target,
            action,
        };
        let records = super::queries::events(
            &mut conn,
            &account_id,
            &filter,
            super::queries::EventsFrom::Newest,
            100_000,
            0,
        )
        .await?;
        let csv = super::csv_of(
            records
                .into_iter()
                .map(super::queries::AuditRecord::into_row),
        );
        if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
            options.insert_header(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            options.insert_header(
                http::header::CONTENT_DISPOSITION,
                http::HeaderValue::from_static("attachment; filename=\"audit-log.csv\""),
            );
        }
        Ok(server_fn::codec::TextStream::new(futures_once(csv)))
    })
    .await
}

#[cfg(feature = "ssr")]
fn futures_once(
    text: String,
) -> impl futures::Stream<Item = Result<String, AppError>> + Send + 'static {
    futures::stream::once(async move { Ok(text) })
}
