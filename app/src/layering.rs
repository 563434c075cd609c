//! The layering, checked on the source: plumbing imports no concept, `access` only the
//! concepts a door needs, and no server function imports the UI. A new import that runs back
//! up a layer fails here, naming the file and line.

use std::path::{Path, PathBuf};

/// Modules below every concept: they know no account, member, role or key.
const PLUMBING: [&str; 6] = [
    "server",
    "db",
    "domain",
    "secrets",
    "error.rs",
    "html_escape.rs",
];
/// What the plumbing must not import.
const CONCEPTS: [&str; 16] = [
    "access",
    "accounts",
    "addresses",
    "api_keys",
    "audit",
    "auth",
    "invitations",
    "members",
    "outbox",
    "password_reset",
    "profile",
    "roles",
    "webhooks",
    "pages",
    "components",
    "app",
];
/// The concepts a door may use: the signed-in user and their sessions, and the audit row of a
/// refused write.
const ACCESS_MAY_USE: [&str; 2] = ["auth", "audit"];
const UI: [&str; 3] = ["crate::components", "crate::pages", "::ui::"];

fn rust_files(under: &Path) -> Vec<PathBuf> {
    if under.is_file() {
        return vec![under.to_owned()];
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(under).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `file:line` under `folder` whose code names `crate::<module>` for one of `modules`.
fn imports_of(folder: &str, modules: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(&src().join(folder)) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for module in modules {
                if code.contains(&format!("crate::{module}::"))
                    || code.contains(&format!("crate::{module};"))
                    || code.contains(&format!("crate::{module}}}"))
                {
                    let name = file.strip_prefix(src()).unwrap().display();
                    found.push(format!("{name}:{} imports {module}", number + 1));
                }
            }
        }
    }
    found
}

#[test]
fn plumbing_imports_no_concept() {
    let found: Vec<String> = PLUMBING
        .iter()
        .flat_map(|folder| imports_of(folder, &CONCEPTS))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn access_uses_only_the_concepts_a_door_needs() {
    let others: Vec<&str> = CONCEPTS
        .into_iter()
        .filter(|c| *c != "access" && !ACCESS_MAY_USE.contains(c))
        .collect();
    let found = imports_of("access", &others);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn no_server_function_imports_the_ui() {
    let mut found = Vec::new();
    for file in rust_files(&src()) {
        let text = std::fs::read_to_string(&file).unwrap();
        if !text
            .lines()
            .any(|line| line.trim_start().starts_with("#[server("))
        {
            continue;
        }
        for (number, line) in text.lines().enumerate() {
            if UI.iter().any(|ui| line.contains(ui)) || line.contains("view! {") {
                let name = file.strip_prefix(src()).unwrap().display();
                found.push(format!("{name}:{}: {}", number + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
