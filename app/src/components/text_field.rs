use leptos::prelude::*;

/// A labelled input with its error message, linked for screen readers.
#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// The keyboard a phone shows ("numeric" for a code).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] max_length: Option<usize>,
    #[prop(default = true)] required: bool,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                value=value
                maxlength=max_length
                required=required
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
            />
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
