use super::ModalDialog;
use leptos::prelude::*;

/// Asks before a change that is hard to take back: what will happen, then a plain form that
/// posts `fields` to `action`, and a way out. Works the same with and without JavaScript.
#[component]
pub fn ConfirmDialog(
    /// Distinguishes the ids that tie the heading and the impact text to the dialog.
    id: &'static str,
    heading: String,
    impact: String,
    action: &'static str,
    fields: Vec<(&'static str, String)>,
    confirm_label: &'static str,
    cancel: String,
    /// The id of the control the dialog was opened from.
    opener: String,
    /// More of the form, above its buttons (a choice that goes with the confirmation).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    let impact_id = format!("{id}-impact");
    let (labelled_by, described_by) = (heading_id.clone(), impact_id.clone());
    view! {
        <ModalDialog labelled_by described_by danger=true close_href=cancel.clone() opener>
            <h2 id=heading_id>{heading}</h2>
            <p id=impact_id>{impact}</p>
            <form method="post" action=action>
                {fields
                    .into_iter()
                    .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                    .collect_view()}
                {children.map(|children| children())}
                <div class="dialog-actions">
                    <button type="submit" class="danger">{confirm_label}</button>
                    <a class="button secondary" href=cancel data-close-dialog>"Cancel"</a>
                </div>
            </form>
        </ModalDialog>
    }
}
