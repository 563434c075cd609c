use leptos::prelude::*;

/// A dialog that is part of the page it was opened on (a link with `?dialog=…#dialog`), so that
/// it works without JavaScript: then it is drawn first in the content and the fragment brings
/// the keyboard to it. With JavaScript it becomes modal: the rest of the page is inert, Escape
/// and any `[data-close-dialog]` link (Cancel) close it, the address loses the dialog's query
/// and the keyboard goes back to `opener`, the control the dialog was opened from.
#[island]
pub fn ModalDialog(
    /// The id of the dialog's heading.
    labelled_by: String,
    /// The id of the text that says what confirming does, for confirmations; empty for none.
    described_by: String,
    /// A confirmation of something hard to take back (an alert dialog, drawn in red).
    danger: bool,
    /// The page without the dialog: where Cancel goes.
    close_href: String,
    /// The id of the control that opened the dialog.
    opener: String,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // Reopening the dialog as modal closes it first; that close is no user's, and must not
    // take the dialog out of the address (a refused form inside comes back to that address).
    let reopening = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(element) = dialog.get() {
            reopening.set_value(show_modal(&element));
        }
    });
    let on_click = move |event: leptos::ev::MouseEvent| {
        if closes_dialog(&event) {
            event.prevent_default();
            if let Some(element) = dialog.get_untracked() {
                element.close();
            }
        }
    };
    let on_close = move |_| {
        if reopening.get_value() {
            reopening.set_value(false);
        } else {
            after_close(&close_href, &opener);
        }
    };
    let (class, role) = if danger {
        ("dialog danger-zone", "alertdialog")
    } else {
        ("dialog", "dialog")
    };
    view! {
        <dialog
            node_ref=dialog
            open
            id="dialog"
            tabindex="-1"
            class=class
            role=role
            aria-labelledby=labelled_by
            aria-describedby=(!described_by.is_empty()).then_some(described_by)
            on:click=on_click
            on:close=on_close
        >
            {children()}
        </dialog>
    }
}

/// The dialog arrives open in the page's flow; reopening it with `showModal` puts it in the top
/// layer and makes the rest inert. Focus goes to its first control, or stays where the
/// server's page put it when that is already inside. True when it closed the dialog to do so
/// (its `close` event is still to come).
fn show_modal(element: &leptos::web_sys::HtmlDialogElement) -> bool {
    if element.matches(":modal").unwrap_or(false) {
        return false;
    }
    let was_open = element.open();
    element.close();
    if let Err(error) = element.show_modal() {
        leptos::logging::warn!("the dialog could not be made modal: {error:?}");
        element.set_open(true);
    }
    was_open
}

fn closes_dialog(event: &leptos::ev::MouseEvent) -> bool {
    use leptos::wasm_bindgen::JsCast;
    event
        .target()
        .and_then(|target| target.dyn_into::<leptos::web_sys::Element>().ok())
        .and_then(|element| element.closest("[data-close-dialog]").ok().flatten())
        .is_some()
}

/// The page is the one without the dialog again: its address, and the keyboard on the opener.
fn after_close(close_href: &str, opener: &str) {
    use leptos::wasm_bindgen::{JsCast, JsValue};
    let window = window();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(close_href));
    }
    if let Some(control) = document()
        .get_element_by_id(opener)
        .and_then(|element| element.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = control.focus();
    }
}
