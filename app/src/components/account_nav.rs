use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AccountSection {
    Members,
    Roles,
    AuditLog,
    ApiKeys,
    Webhooks,
    Settings,
}

/// The sections of an account, under its name.
#[component]
pub fn AccountNav(account_id: String, current: AccountSection) -> impl IntoView {
    let link = move |section: AccountSection, href: String, label: &'static str| {
        view! {
            <a href=href aria-current=(current == section).then_some("page")>
                {label}
            </a>
        }
    };
    view! {
        <nav class="account-nav" aria-label="Account sections">
            {link(AccountSection::Members, format!("/accounts/{account_id}"), "Members")}
            {link(AccountSection::Roles, format!("/accounts/{account_id}/roles"), "Roles")}
            {link(AccountSection::AuditLog, format!("/accounts/{account_id}/audit"), "Audit log")}
            {link(AccountSection::ApiKeys, format!("/accounts/{account_id}/api-keys"), "API keys")}
            {link(AccountSection::Webhooks, format!("/accounts/{account_id}/webhooks"), "Webhooks")}
            {link(AccountSection::Settings, format!("/accounts/{account_id}/settings"), "Settings")}
        </nav>
    }
}
