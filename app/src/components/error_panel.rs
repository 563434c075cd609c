use crate::error::AppError;
use leptos::prelude::*;

/// A whole-page error: what happened and where to go next. Sets the matching HTTP status.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::set_status_for(&error);
    if error == AppError::SecondFactorRequired {
        return view! { <SecondFactorRequiredPanel /> }.into_any();
    }
    let heading = match &error {
        AppError::NotFound(_) => "Not found",
        AppError::Forbidden | AppError::ForbiddenBecause(_) => "Not allowed",
        _ => "Something went wrong",
    };
    view! {
        <section class="panel" aria-labelledby="error-heading">
            <h1 id="error-heading">{heading}</h1>
            <p>{error.to_string()}</p>
            <p>
                <a href="/">"Back to your accounts"</a>
            </p>
        </section>
    }
    .into_any()
}

/// A member of an account that requires a second factor, who has none: the way through.
#[component]
fn SecondFactorRequiredPanel() -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="error-heading">
            <h1 id="error-heading">"This account requires a second factor"</h1>
            <p>"You are still a member. Everything here opens again once your user has a second factor:"</p>
            <ol class="steps">
                <li>"Open the Second factor section of your profile and choose Add an authenticator app."</li>
                <li>"Scan the QR code with an authenticator app on your phone, and type the code it shows."</li>
                <li>"Keep the recovery codes it shows you, then come back here."</li>
            </ol>
            <p><a class="button" href="/profile#second-factor-heading">"Add an authenticator app"</a></p>
            <p><a href="/">"Back to your accounts"</a></p>
        </section>
    }
}
