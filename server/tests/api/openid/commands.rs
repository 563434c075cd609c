//! The operator's commands: `roster client add` declares a product, `roster keys rotate` adds
//! the next signing key.

use std::process::Command;

fn roster(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_roster"))
        .args(args)
        .env_remove("ROSTER_CLIENTS_FILE")
        .env_remove("ROSTER_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .expect("roster runs")
}

#[test]
fn client_add_appends_a_product_prints_its_secret_once_and_refuses_the_same_id_again() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("clients.toml");
    let file_arg = file.to_str().unwrap();
    let add = |id: &str| {
        roster(&[
            "client",
            "add",
            "--clients-file",
            file_arg,
            "--id",
            id,
            "--name",
            "Clusters",
            "--redirect-uri",
            "https://clusters.example/callback",
            "--rs256",
        ])
    };
    let added = add("clusters");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let printed = String::from_utf8_lossy(&added.stdout);
    let secret = printed
        .split_whitespace()
        .find(|word| word.starts_with("rcs_"))
        .expect("the secret is printed");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(!written.contains(secret), "only the hash is kept");
    let clients = app::oauth::clients::Clients::parse(&written).unwrap();
    let clusters = clients.get("clusters").unwrap();
    assert!(clusters.secret_matches(secret));
    assert_eq!(clusters.algorithm(), jsonwebtoken::Algorithm::RS256);
    let again = add("clusters");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("twice"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        written,
        "nothing was written"
    );
    let unsafe_uri = roster(&[
        "client",
        "add",
        "--clients-file",
        file_arg,
        "--id",
        "plain",
        "--name",
        "Plain",
        "--redirect-uri",
        "http://plain.example/callback",
    ]);
    assert!(!unsafe_uri.status.success());
    assert!(String::from_utf8_lossy(&unsafe_uri.stderr).contains("https"));
}

#[tokio::test]
async fn keys_rotate_adds_the_next_key_to_sign_a_day_later() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", folder.path().join("roster.db").display());
    let rotated = roster(&["keys", "rotate", "--database-url", &url]);
    assert!(
        rotated.status.success(),
        "{}",
        String::from_utf8_lossy(&rotated.stderr)
    );
    assert!(String::from_utf8_lossy(&rotated.stdout).contains("Added signing key"));
    let databases = server::database::open(&url, 1).await.unwrap();
    let starts: Vec<String> = app::db::query_scalar("SELECT signs_from FROM oauth_signing_keys")
        .fetch_all(&databases.reads)
        .await
        .unwrap();
    assert_eq!(starts.len(), 1);
    let start = chrono::DateTime::parse_from_rfc3339(&starts[0]).unwrap();
    let lead = start.with_timezone(&chrono::Utc) - chrono::Utc::now();
    assert!(lead > chrono::Duration::hours(23), "{lead}");
}
