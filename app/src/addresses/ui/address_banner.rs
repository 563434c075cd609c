use crate::auth::whoami;
use crate::components::path_of;
use leptos::prelude::*;

/// At the top of every page while the signed-in user's address is unverified: where the link
/// went, and "Send again" (a plain form, back to this page).
#[component]
pub fn AddressBanner() -> impl IntoView {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    // The pages behind address links say themselves what became of the address.
    if path.starts_with("/verify-address/") || path.starts_with("/confirm-address/") {
        return None;
    }
    let me = Resource::new(|| (), |_| whoami());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let path = path.clone();
                Suspend::new(async move {
                    let user = me.await.ok().flatten().filter(|user| !user.email_verified)?;
                    Some(view! {
                        <section class="invitation-banner address-banner" aria-labelledby="verify-heading">
                            <div class="banner-row">
                                <p>
                                    <strong id="verify-heading">"Verify your address."</strong>
                                    " We sent a link to "
                                    <strong>{user.email}</strong>
                                    ". Follow it to show the address is yours: invitations sent to it appear here once it is verified."
                                </p>
                                <div class="banner-actions">
                                    <form method="post" action={path_of::<crate::addresses::SendVerificationAgain>()}>
                                        <input type="hidden" name="next" value=path />
                                        <button type="submit" class="secondary">"Send again"</button>
                                    </form>
                                </div>
                            </div>
                        </section>
                    })
                })
            }}
        </Suspense>
    }
    .into()
}
