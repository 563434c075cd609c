//! The built browser files a page names: its stylesheet, and the script and WebAssembly of the
//! islands. A release build gives them content-hashed names (cargo-leptos `hash-files`), so a
//! browser may keep each for a year and still never runs a stale one. The WebAssembly is
//! fetched only by a page that has islands.

#[cfg(feature = "ssr")]
mod discover;
mod island_loader;

#[cfg(feature = "ssr")]
pub use discover::{discover, is_fingerprinted};
pub use island_loader::IslandLoader;

/// Where the page finds each file, as paths under the site (`/pkg/roster.<hash>.css`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrowserFiles {
    pub stylesheet: String,
    pub script: String,
    pub wasm: String,
}

impl BrowserFiles {
    /// The names of a build without hashes (`/pkg/roster.css` …).
    pub fn plain(url_prefix: &str, output_name: &str) -> Self {
        Self {
            stylesheet: format!("{url_prefix}/{output_name}.css"),
            script: format!("{url_prefix}/{output_name}.js"),
            wasm: format!("{url_prefix}/{output_name}.wasm"),
        }
    }
}

impl Default for BrowserFiles {
    fn default() -> Self {
        Self::plain("/pkg", "roster")
    }
}
