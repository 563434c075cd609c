use super::BrowserFiles;
use std::path::Path;

/// The files of `output_name` in the built `pkg` folder, with the hashed names the build gave
/// them, or the plain names (`roster.css`) of a build without hashes. Read once at start.
pub fn discover(folder: &Path, url_prefix: &str, output_name: &str) -> BrowserFiles {
    let names: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    let hashed = |extension: &str, plain: String| {
        names
            .iter()
            .filter(|name| is_hashed_file_of(name, output_name, extension))
            // A build clears the folder first; should two remain, the newer wins.
            .max_by_key(|name| {
                std::fs::metadata(folder.join(name))
                    .and_then(|meta| meta.modified())
                    .ok()
            })
            .map_or(plain, |name| format!("{url_prefix}/{name}"))
    };
    let plain = BrowserFiles::plain(url_prefix, output_name);
    BrowserFiles {
        stylesheet: hashed("css", plain.stylesheet),
        script: hashed("js", plain.script),
        wasm: hashed("wasm", plain.wasm),
    }
}

/// Whether a file's name carries its content's hash (`roster.<22 characters>.wasm`, and its
/// `.br` and `.gz` copies), so that it may be cached for good.
pub fn is_fingerprinted(file_name: &str) -> bool {
    let name = file_name
        .strip_suffix(".br")
        .or_else(|| file_name.strip_suffix(".gz"))
        .unwrap_or(file_name);
    let mut parts = name.rsplit('.');
    let (Some(_extension), Some(hash), Some(_stem)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    is_hash(hash)
}

fn is_hashed_file_of(name: &str, output_name: &str, extension: &str) -> bool {
    name.strip_prefix(output_name)
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_suffix(extension))
        .and_then(|rest| rest.strip_suffix('.'))
        .is_some_and(is_hash)
}

/// cargo-leptos names a file by the MD5 of its content in unpadded base64url: 22 characters.
fn is_hash(text: &str) -> bool {
    text.len() == 22
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "u8zJ0mGZ3Y0C5Xg2kQ1w-A";

    #[test]
    fn a_build_with_hashes_is_named_by_its_hashed_files() {
        let folder = tempfile::tempdir().expect("folder");
        for name in [
            format!("roster.{HASH}.css"),
            format!("roster.{HASH}.js"),
            format!("roster.{HASH}.wasm"),
            format!("roster.{HASH}.wasm.br"),
            "roster.d.ts".to_owned(),
        ] {
            std::fs::write(folder.path().join(name), b"x").expect("file");
        }
        let files = discover(folder.path(), "/pkg", "roster");
        assert_eq!(files.stylesheet, format!("/pkg/roster.{HASH}.css"));
        assert_eq!(files.script, format!("/pkg/roster.{HASH}.js"));
        assert_eq!(files.wasm, format!("/pkg/roster.{HASH}.wasm"));
    }

    #[test]
    fn a_build_without_hashes_keeps_the_plain_names() {
        let folder = tempfile::tempdir().expect("folder");
        std::fs::write(folder.path().join("roster.wasm"), b"x").expect("file");
        let files = discover(folder.path(), "/pkg", "roster");
        assert_eq!(files.wasm, "/pkg/roster.wasm");
        assert_eq!(files.stylesheet, "/pkg/roster.css");
    }

    #[test]
    fn only_names_with_a_content_hash_may_be_kept_for_good() {
        assert!(is_fingerprinted(&format!("roster.{HASH}.wasm")));
        assert!(is_fingerprinted(&format!("roster.{HASH}.wasm.br")));
        assert!(is_fingerprinted(&format!("roster.{HASH}.css.gz")));
        assert!(!is_fingerprinted("roster.wasm"));
        assert!(!is_fingerprinted("roster.wasm.br"));
        assert!(!is_fingerprinted("favicon.svg"));
        assert!(!is_fingerprinted("roster.too-short.js"));
    }
}
