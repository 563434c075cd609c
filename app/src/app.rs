use crate::addresses::ui::AddressBanner;
use crate::browser_files::{BrowserFiles, IslandLoader};
use crate::components::{PageNotice, SiteHeader};
use crate::invitations::ui::InvitationBanner;
use crate::pages::{
    AccountPage, ApiKeysPage, AuditLogPage, ConfirmAddressPage, ForgotPasswordPage, HomePage,
    InvitationPage, NotFoundPage, ProfilePage, ResetPasswordPage, RolePage, RolesPage,
    SecondFactorPage, SettingsPage, SignInPage, SignUpPage, VerifyAddressPage, WebhooksPage,
};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The HTML document around every page. The server provides the [`BrowserFiles`] it found.
pub fn shell(_options: LeptosOptions) -> impl IntoView {
    let files = use_context::<BrowserFiles>().unwrap_or_default();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href=files.stylesheet.clone() />
                <IslandLoader files />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Every route renders completely on the server before it is sent (`SsrMode::Async`), so that a
/// page is whole without JavaScript and can still redirect or set its status.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        // leptos_meta (0.8.7, the newest 0.8) writes the title's text unescaped: escape it here.
        <Title formatter=|title: String| crate::html_escape::page_title(&title) />
        <Router>
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <SiteHeader />
            <AddressBanner />
            <InvitationBanner />
            <main id="main">
                <PageNotice />
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in/second-factor") view=SecondFactorPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-up") view=SignUpPage ssr=SsrMode::Async />
                    <Route path=path!("/oauth/decide") view=crate::oauth::ui::DecidePage ssr=SsrMode::Async />
                    <Route path=path!("/oauth/problem") view=crate::oauth::ui::OAuthProblemPage ssr=SsrMode::Async />
                    <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/reset-password/:token") view=ResetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/verify-address/:token") view=VerifyAddressPage ssr=SsrMode::Async />
                    <Route path=path!("/confirm-address/:token") view=ConfirmAddressPage ssr=SsrMode::Async />
                    <Route path=path!("/invitations/:token") view=InvitationPage ssr=SsrMode::Async />
                    <Route path=path!("/accounts/:id") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/accounts/:id/audit") view=AuditLogPage ssr=SsrMode::Async />
                    <Route path=path!("/accounts/:id/roles") view=RolesPage ssr=SsrMode::Async />
                    <Route path=path!("/accounts/:id/roles/:role_id") view=RolePage ssr=SsrMode::Async />
                    <Route path=path!("/accounts/:id/settings") view=SettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/accounts/:id/api-keys") view=ApiKeysPage ssr=SsrMode::Async />
                    <Route path=path!("/accounts/:id/webhooks") view=WebhooksPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}
