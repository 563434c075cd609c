use leptos::prelude::*;

/// One row's actions behind a single "Actions" button: a `<details>` menu, so that it opens and
/// closes with the keyboard and without JavaScript. `subject` names the row for screen
/// readers ("Actions for Ada Lovelace").
#[component]
pub fn ActionsMenu(subject: String, children: Children) -> impl IntoView {
    view! {
        <details class="actions-menu">
            <summary>"Actions"<span class="visually-hidden">{format!(" for {subject}")}</span></summary>
            <div class="actions-menu-items">{children()}</div>
        </details>
    }
}
