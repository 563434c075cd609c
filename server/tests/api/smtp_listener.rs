//! A real SMTP server (Python's aiosmtpd) on a free loopback port, for the tests that speak
//! SMTP: as it comes, or scripted to refuse and defer.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A real SMTP server (Python's aiosmtpd) on a free loopback port, printing what it receives.
pub struct SmtpListener {
    child: Child,
    pub port: u16,
    received: Arc<Mutex<String>>,
}

impl SmtpListener {
    /// aiosmtpd as it comes: it takes every mail and prints it whole.
    pub fn start() -> Self {
        let port = crate::support::free_port();
        let listen = format!("127.0.0.1:{port}");
        Self::spawn(port, &["-u", "-m", "aiosmtpd", "-n", "-l", &listen])
    }

    /// aiosmtpd answering each recipient as its address asks (`scripted_smtp.py`): `refuse…`
    /// gets a 550, `later…` a 451 the first time, anyone else a 250 with a queue id.
    pub fn start_scripted() -> Self {
        let port = crate::support::free_port();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/scripted_smtp.py");
        Self::spawn(port, &["-u", script, &port.to_string()])
    }

    fn spawn(port: u16, args: &[&str]) -> Self {
        // scripts/test.sh points this at a virtualenv holding aiosmtpd.
        let python = std::env::var("ROSTER_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let mut child = Command::new(python)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 starts (scripts/test.sh installs aiosmtpd)");
        let received = Arc::new(Mutex::new(String::new()));
        let stdout = child.stdout.take().unwrap();
        let sink = received.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut text = sink.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("aiosmtpd exited with {status}: is it installed? (pip install aiosmtpd)");
            }
            assert!(Instant::now() < deadline, "aiosmtpd listens within 10 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            child,
            port,
            received,
        }
    }

    pub async fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = self.received.lock().unwrap().clone();
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "the SMTP listener did not receive {needle:?} within 10 s; it got:\n{text}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpListener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
