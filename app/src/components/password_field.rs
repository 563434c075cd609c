use leptos::prelude::*;

/// A password input with a button that shows or hides what was typed.
/// Without JavaScript the button is not shown: it could do nothing there.
#[component]
pub fn PasswordField(
    id: &'static str,
    label: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] min_length: Option<usize>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let visible = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move || hydrated.set(true));
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <div class="password-row">
                <input
                    id=id
                    name="password"
                    type=move || if visible.get() { "text" } else { "password" }
                    autocomplete=autocomplete
                    minlength=min_length
                    maxlength=128
                    required=true
                    aria-invalid=move || error.get().map(|_| "true")
                    aria-describedby=described_by
                />
                <button
                    type="button"
                    class="secondary"
                    hidden=move || !hydrated.get()
                    aria-controls=id
                    aria-pressed=move || if visible.get() { "true" } else { "false" }
                    on:click=move |_| visible.update(|v| *v = !*v)
                >
                    {move || if visible.get() { "Hide password" } else { "Show password" }}
                </button>
            </div>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field-error" id=error_id.clone()>
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
