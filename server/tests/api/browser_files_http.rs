//! The browser files are sent precompressed, in the encoding the browser takes.

use crate::support::TestServer;
use reqwest::StatusCode;

/// A server whose site folder holds `files` under `pkg/` (kept while the folder lives).
async fn serving_browser_files(files: &[(&str, &str)]) -> (TestServer, tempfile::TempDir) {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for (name, content) in files {
        std::fs::write(pkg.join(name), content).unwrap();
    }
    let root = site.path().to_owned();
    let server = TestServer::start_with(move |config| config.site_root = root).await;
    (server, site)
}

#[tokio::test]
async fn a_browser_file_is_sent_as_its_brotli_or_gzip_copy_when_the_browser_takes_it() {
    let (server, _site) = serving_browser_files(&[
        ("roster.js", "export const plain = 1;"),
        ("roster.js.br", "brotli bytes"),
        ("roster.js.gz", "gzip bytes"),
    ])
    .await;
    let client = reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap();
    let url = format!("{}/pkg/roster.js", server.base_url);
    for (accepts, encoding, body) in [
        ("br, gzip", Some("br"), "brotli bytes"),
        ("gzip", Some("gzip"), "gzip bytes"),
        ("identity", None, "export const plain = 1;"),
    ] {
        let response = client
            .get(&url)
            .header("accept-encoding", accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let sent = response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(sent.as_deref(), encoding, "{accepts}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .contains("javascript")
        );
        assert_eq!(response.text().await.unwrap(), body);
    }
}

#[tokio::test]
async fn a_browser_file_may_be_kept_but_is_checked_again_and_answers_304_when_unchanged() {
    let (server, _site) = serving_browser_files(&[("roster.css", "body { margin: 0 }")]).await;
    let client = reqwest::Client::new();
    let url = format!("{}/pkg/roster.css", server.base_url);
    let first = client.get(&url).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let modified = first.headers()["last-modified"].clone();
    let again = client
        .get(&url)
        .header("if-modified-since", modified)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

const HASH: &str = "Zm9vYmFyYmF6cXV4MTIzNA";

#[tokio::test]
async fn a_file_named_by_its_content_hash_is_kept_for_a_year_and_the_pages_name_it() {
    let (server, _site) = serving_browser_files(&[
        (&format!("roster.{HASH}.css"), "body { margin: 0 }"),
        (&format!("roster.{HASH}.js"), "export default 1;"),
        (&format!("roster.{HASH}.wasm"), "wasm"),
    ])
    .await;
    let client = reqwest::Client::new();
    let kept = client
        .get(format!("{}/pkg/roster.{HASH}.wasm", server.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(kept.status(), StatusCode::OK);
    assert_eq!(
        kept.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // A missing file is not kept at all, whatever its name.
    let missing = client
        .get(format!(
            "{}/pkg/roster.AAAAAAAAAAAAAAAAAAAAAA.wasm",
            server.base_url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_ne!(
        missing.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let page = client
        .get(format!("{}/sign-in", server.base_url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("href=\"/pkg/roster.{HASH}.css\"")),
        "{page}"
    );
    assert!(
        page.contains(&format!("\"/pkg/roster.{HASH}.js\"")),
        "{page}"
    );
    assert!(
        page.contains(&format!("\"/pkg/roster.{HASH}.wasm\"")),
        "{page}"
    );
}

#[tokio::test]
async fn a_page_fetches_its_webassembly_only_when_it_has_an_island() {
    let server = TestServer::start().await;
    let page = server.client().get("/sign-in").await.text().await.unwrap();
    // Nothing is preloaded: the loader asks for the WebAssembly only if an island is there.
    assert!(!page.contains("rel=\"preload\""), "{page}");
    assert!(!page.contains("modulepreload"), "{page}");
    assert!(
        page.contains("if (!document.querySelector(\"leptos-island\")) return;"),
        "{page}"
    );
}
