use leptos::prelude::*;

/// One row's actions behind a single "Actions" button: a `<details>` menu, so that it opens and
/// closes with the keyboard and without JavaScript. `subject` names the row for screen
/// readers ("Actions for Ada Lovelace"); a dialog opened from the menu gives the keyboard back
/// to the button, found by `opener_id(row_id)`. Every row's menu shares one `name`, so opening
/// one closes any other (an exclusive `<details>`, no script needed); the page's script closes
/// an open one on Escape and on a click elsewhere.
#[component]
pub fn ActionsMenu(subject: String, row_id: String, children: Children) -> impl IntoView {
    view! {
        <details class="actions-menu" name="row-actions">
            <summary id=opener_id(&row_id)>"Actions"<span class="visually-hidden">{format!(" for {subject}")}</span></summary>
            <div class="actions-menu-items">{children()}</div>
        </details>
    }
}

/// The id of the Actions button of the row `row_id` (a member's or an invitation's id).
pub fn opener_id(row_id: &str) -> String {
    format!("actions-{row_id}")
}
