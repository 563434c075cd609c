//! The `roster` binary itself: its help, its start on a fresh database, its graceful stop.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn help_lists_every_setting_with_its_environment_variable() {
    let output = Command::new(env!("CARGO_BIN_EXE_roster"))
        .arg("--help")
        .output()
        .expect("roster runs");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "--listen",
        "ROSTER_LISTEN",
        "--database-url",
        "ROSTER_DATABASE_URL",
        "--public-url",
        "ROSTER_PUBLIC_URL",
        "--secure-cookies",
        "ROSTER_SECURE_COOKIES",
        "--session-idle-minutes",
        "--session-absolute-hours",
    ] {
        assert!(
            help.contains(expected),
            "--help does not mention {expected}:\n{help}"
        );
    }
}

#[tokio::test]
async fn it_creates_and_migrates_its_database_then_stops_gracefully_on_sigterm() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("nested/roster.db");
    let port = crate::support::free_port();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_roster"))
        .env("ROSTER_LISTEN", format!("127.0.0.1:{port}"))
        .env(
            "ROSTER_DATABASE_URL",
            format!("sqlite://{}", database.display()),
        )
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("roster starts");

    let client = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/api/whoami");
    let mut ready = false;
    while started.elapsed() < Duration::from_secs(20) {
        if let Ok(response) = client.post(&url).send().await {
            assert!(response.status().is_success());
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(ready, "roster did not answer within 20 s");
    assert!(database.exists(), "the database file was not created");

    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let stopped_at = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "roster exited with {status} on SIGTERM");
            break;
        }
        assert!(
            stopped_at.elapsed() < Duration::from_secs(10),
            "roster did not stop within 10 s of SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn on_sigterm_it_stops_within_the_grace_period_even_with_a_request_half_sent() {
    use tokio::io::AsyncWriteExt;
    let folder = tempfile::tempdir().unwrap();
    let port = crate::support::free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_roster"))
        .env("ROSTER_LISTEN", format!("127.0.0.1:{port}"))
        .env(
            "ROSTER_DATABASE_URL",
            format!("sqlite://{}", folder.path().join("roster.db").display()),
        )
        .env("ROSTER_MAIL_DIR", folder.path().join("mail"))
        .env("ROSTER_SHUTDOWN_GRACE_SECS", "2")
        .env("ROSTER_REQUEST_READ_TIMEOUT_SECS", "300")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("roster starts");
    let started = Instant::now();
    let mut stream = loop {
        if let Ok(stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            break stream;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "roster did not listen"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    stream
        .write_all(
            b"POST /api/sign_in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=",
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let stopped_at = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            stopped_at.elapsed() < Duration::from_secs(8),
            "roster was still running 8 s after SIGTERM with a 2 s grace period"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(stream);
}

/// The binary on a fresh SQLite file in `folder`, once it answers (so it serves, and listens
/// for signals); its process and port.
async fn serving_binary(folder: &tempfile::TempDir) -> (std::process::Child, u16) {
    let port = crate::support::free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_roster"))
        .env("ROSTER_LISTEN", format!("127.0.0.1:{port}"))
        .env(
            "ROSTER_DATABASE_URL",
            format!("sqlite://{}", folder.path().join("roster.db").display()),
        )
        .env("ROSTER_MAIL_DIR", folder.path().join("mail"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("roster starts");
    let started = Instant::now();
    let health = format!("http://127.0.0.1:{port}/healthz");
    while reqwest::get(&health).await.is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "roster did not listen"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    (child, port)
}

#[tokio::test]
async fn on_sigterm_every_request_already_sent_gets_its_answer() {
    const SENT: usize = 40;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let folder = tempfile::tempdir().unwrap();
    let (mut child, port) = serving_binary(&folder).await;
    // Forty browsers have each sent a whole request on a new connection when the signal comes
    // (a wrong password costs a password hash, so some are still being worked on, and some are
    // not yet read).
    let mut sent = Vec::new();
    for i in 0..SENT {
        let body = format!("email=nobody{i}%40example.test&password=not-the-password");
        let request = format!(
            "POST /api/sign_in HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        sent.push(stream);
    }
    if std::env::var("NOKILL").is_err() {
        let pid = child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
    }
    let mut unanswered = 0;
    for mut stream in sent {
        let mut answer = Vec::new();
        let _ =
            tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut answer)).await;
        eprintln!(
            "{:?}",
            String::from_utf8_lossy(&answer[..answer.len().min(60)])
        );
        if !answer.starts_with(b"HTTP/1.1 ") {
            unanswered += 1;
        }
    }
    assert_eq!(
        unanswered, 0,
        "{unanswered} of {SENT} requests got no answer"
    );
    let stopped_at = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            stopped_at.elapsed() < Duration::from_secs(20),
            "roster did not stop"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The resident memory of process `pid`, in KiB.
fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

#[tokio::test]
async fn made_up_methods_do_not_grow_its_memory() {
    let folder = tempfile::tempdir().unwrap();
    let (mut child, port) = serving_binary(&folder).await;
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let flood = |from: usize, to: usize| {
        let (http, base) = (http.clone(), base.clone());
        async move {
            for n in from..to {
                // 100 KB methods, each different: 60 MB of them in all.
                let method = format!("M{n}{}", "X".repeat(100_000));
                let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
                let _ = http.request(method, format!("{base}/")).send().await;
            }
        }
    };
    // A first round warms every buffer and allocator arena the flood will use.
    flood(0, 100).await;
    let before = resident_kib(child.id());
    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..4 {
        workers.spawn(flood(100 + worker * 150, 100 + (worker + 1) * 150));
    }
    workers.join_all().await;
    let after = resident_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        after < before + 32 * 1024,
        "600 requests with 100 KB methods took its memory from {before} KiB to {after} KiB"
    );
}
