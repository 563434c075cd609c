//! What the page holds when an island wakes: a person may have typed or ticked before the
//! script arrived, and an island must start from that, not from what the server rendered.
//! On the server (and for a control that is not on the page) there is nothing to read.

/// The text now in the input or the value now chosen in the select with this id.
pub fn value_of(id: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        use leptos::web_sys::{HtmlInputElement, HtmlSelectElement};
        let element = leptos::prelude::document().get_element_by_id(id)?;
        if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            return Some(input.value());
        }
        element
            .dyn_ref::<HtmlSelectElement>()
            .map(HtmlSelectElement::value)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        None
    }
}

/// Whether the checkbox with this id is ticked now.
pub fn is_ticked(id: &str) -> Option<bool> {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        use leptos::web_sys::HtmlInputElement;
        let element = leptos::prelude::document().get_element_by_id(id)?;
        element
            .dyn_ref::<HtmlInputElement>()
            .map(HtmlInputElement::checked)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        None
    }
}
