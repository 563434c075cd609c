//! The browser entry point: wakes up the islands and nothing else.

// Linking `app` is what keeps the islands' WASM functions in the bundle.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
