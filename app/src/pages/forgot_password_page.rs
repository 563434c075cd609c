use crate::components::path_of;
use crate::components::{
    FormError, NewPasswordField, TextField, TypedValues, field_message, form_anchor, url_error,
};
use crate::error::AppError;
use crate::password_reset::reset_link_works;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Asks for the address to send a link to. Whatever the address, the answer is the same.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let error = Signal::stored(url_error(path_of::<
        crate::password_reset::RequestPasswordReset,
    >()));
    let typed = TypedValues::of("request_password_reset");
    view! {
        <Title text="Forgot your password" />
        <section class="panel narrow" aria-labelledby="forgot-heading">
            <h1 id="forgot-heading">"Forgot your password?"</h1>
            <p>"Enter the address you signed up with. If a user has it, a mail with a link to set a new password is sent there."</p>
            <form method="post" action={path_of::<crate::password_reset::RequestPasswordReset>()} id=form_anchor("request_password_reset")>
                <FormError error=error />
                <TextField
                    id="forgot-email"
                    label="Email"
                    name="email"
                    input_type="email"
                    autocomplete="email"
                    value=typed.get("email").unwrap_or_default()
                    max_length=254
                    error=field_message(error, "email")
                />
                <button type="submit">"Send the link"</button>
            </form>
            <p class="muted"><a href="/sign-in">"Back to sign in"</a></p>
        </section>
    }
}

/// The page a reset link opens: a new password, or why the link no longer works.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let works = Resource::new(token, reset_link_works);
    view! {
        <Title text="Set a new password" />
        <section class="panel narrow" aria-labelledby="reset-heading">
            <h1 id="reset-heading">"Set a new password"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let error = Signal::stored(url_error(path_of::<crate::password_reset::ResetPassword>()));
                    match works.await {
                        Ok(true) => view! {
                            <form method="post" action={path_of::<crate::password_reset::ResetPassword>()} id=form_anchor("reset_password")>
                                <FormError error=error />
                                <input type="hidden" name="token" value=params.read_untracked().get("token").unwrap_or_default() />
                                <NewPasswordField id="reset-new-password" error=field_message(error, "new_password") />
                                <button type="submit">"Set password and sign in"</button>
                            </form>
                            <p class="muted">"Every other place you are signed in will be signed out."</p>
                        }
                        .into_any(),
                        Ok(false) | Err(AppError::Conflict(_)) => view! {
                            <p class="form-error" role="alert">
                                "This link no longer works: it was used already, it expired, or a newer one was sent."
                            </p>
                            <p><a href="/forgot-password">"Ask for a new link"</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
