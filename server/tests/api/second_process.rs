//! A second Roster server, as its own operating-system process (the real binary), on the
//! database of a [`TestServer`]: what a deployment of two servers behind a load balancer is.
//! The race tests send one side of each race to it, so that the two requests meet only in the
//! database, never in one process's write lock.

use crate::support::{ApiClient, TestServer};
use crate::world::Person;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct SecondProcess {
    pub base_url: String,
    child: Child,
}

impl TestServer {
    /// Starts the binary on this server's database and waits until it answers `/readyz`.
    pub async fn second_process(&self) -> SecondProcess {
        let port = crate::support::free_port();
        let base_url = format!("http://127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_roster"))
            .env("ROSTER_LISTEN", format!("127.0.0.1:{port}"))
            .env("ROSTER_DATABASE_URL", &self.database_url)
            .env("ROSTER_PUBLIC_URL", &base_url)
            .env("ROSTER_MAIL_DIR", &self.mail_dir)
            .env("ROSTER_RESEND_COOLDOWN_MINUTES", "0")
            .env("ROSTER_SIGN_UPS_PER_CLIENT_HOUR", "1000000")
            .env("ROSTER_API_KEY_MISSES_PER_MINUTE", "1000000")
            // It looks at the outbox all the time, so that it races the first server's worker
            // for every mail that server queues.
            .env("ROSTER_MAIL_POLL_MS", "20")
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the roster binary starts");
        let second = SecondProcess { base_url, child };
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            let answer = client
                .get(format!("{}/readyz", second.base_url))
                .send()
                .await;
            if answer.is_ok_and(|answer| answer.status().is_success()) {
                return second;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the second roster process was not ready within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl SecondProcess {
    /// The same browser (its cookies, so its session) talking to this process instead.
    pub fn browser(&self, client: &ApiClient) -> ApiClient {
        ApiClient {
            client: client.client.clone(),
            jar: client.jar.clone(),
            base_url: self.base_url.clone(),
        }
    }
}

impl SecondProcess {
    /// A person of the first server, signed in, now using this process.
    pub fn person(&self, person: &Person) -> Person {
        Person {
            client: self.browser(&person.client),
            user_id: person.user_id.clone(),
            email: person.email.clone(),
        }
    }
}

impl Drop for SecondProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
