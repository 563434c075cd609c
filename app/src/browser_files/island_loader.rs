use super::BrowserFiles;
use leptos::prelude::*;

/// The islands' loader: an inline module script that fetches the script and WebAssembly only
/// when the page has an island, then wakes each island. It replaces Leptos' own
/// `HydrationScripts`, which preloads the WebAssembly on every page, islands or not.
#[component]
pub fn IslandLoader(files: BrowserFiles) -> impl IntoView {
    // Outside the islands nothing hydrates, so the server writes no hydration markers there
    // (what `HydrationScripts` does for islands mode).
    #[cfg(feature = "ssr")]
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let call = format!(
        "({})({}, {});",
        include_str!("island_loader.js")
            .trim_end()
            .trim_end_matches(';'),
        js_string(&files.script),
        js_string(&files.wasm)
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{call}</script> }
}

/// A JavaScript string literal of a file path (JSON's quoting is JavaScript's).
fn js_string(path: &str) -> String {
    serde_json::to_string(path)
        .unwrap_or_else(|_| "\"\"".to_owned())
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::js_string;

    #[test]
    fn a_path_cannot_end_the_script_it_is_written_in() {
        assert_eq!(js_string("/pkg/roster.js"), "\"/pkg/roster.js\"");
        assert!(!js_string("</script><b>").contains('<'));
    }
}
