//! Mail leaves the outbox after commit: retried with backoff when the transport fails, delivered
//! once, and really spoken over SMTP to a listener on loopback.

use crate::smtp_listener::SmtpListener;
use crate::support::{TestServer, fresh_database, unique_email};
use app::outbox::ComposedMail;
use app::outbox::queries::enqueue;
use lettre::Message;
use server::mail::{Backoff, DeliveryError, OutboxWorker, Transport};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Fails the first `failures` deliveries, then records each one it accepts.
struct FlakyTransport {
    failures_left: Mutex<u32>,
    delivered: Arc<Mutex<Vec<String>>>,
}

impl Transport for FlakyTransport {
    async fn deliver(&self, mail: &Message) -> Result<String, DeliveryError> {
        let mut left = self.failures_left.lock().unwrap();
        if *left > 0 {
            *left -= 1;
            return Err(DeliveryError::transient("connection refused (on purpose)"));
        }
        self.delivered
            .lock()
            .unwrap()
            .push(String::from_utf8_lossy(&mail.formatted()).into_owned());
        Ok("250 taken".to_owned())
    }
}

fn worker(
    pool: app::db::Pool,
    failures: u32,
    max_attempts: u32,
) -> (OutboxWorker<FlakyTransport>, Arc<Mutex<Vec<String>>>) {
    let delivered = Arc::new(Mutex::new(Vec::new()));
    let worker = OutboxWorker {
        pool,
        transport: FlakyTransport {
            failures_left: Mutex::new(failures),
            delivered: delivered.clone(),
        },
        from: "Roster <roster@localhost>".parse().unwrap(),
        backoff: Backoff {
            first: Duration::from_millis(20),
            max: Duration::from_millis(80),
            max_attempts,
        },
        wakeup: Arc::new(tokio::sync::Notify::new()),
        lease: Duration::from_secs(60),
        idle_poll: Duration::from_secs(60),
        failures: Default::default(),
        bounces: None,
    };
    (worker, delivered)
}

async fn queue_one(pool: &app::db::Pool, recipient: &str) {
    let mail = ComposedMail {
        subject: "Hello".into(),
        text: "Plain body".into(),
        html: "<p>HTML body</p>".into(),
    };
    let mut conn = pool.acquire().await.unwrap();
    enqueue(
        &mut conn,
        None,
        recipient,
        &mail,
        &app::server::now_rfc3339(),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_failing_transport_is_retried_with_backoff_then_the_mail_is_delivered_once() {
    let (pool, _folder) = fresh_database().await;
    queue_one(&pool, "ada@example.org").await;
    let (worker, delivered) = worker(pool.clone(), 2, 10);
    let deadline = Instant::now() + Duration::from_secs(5);
    while delivered.lock().unwrap().is_empty() {
        assert!(Instant::now() < deadline, "delivered within 5 s");
        worker.deliver_due().await.unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Further passes deliver nothing again.
    for _ in 0..3 {
        assert_eq!(worker.deliver_due().await.unwrap(), 0);
    }
    assert_eq!(delivered.lock().unwrap().len(), 1);
    assert_eq!(worker.failures.get(), 2, "the metrics count each failure");
    let (attempts, sent, body): (i64, Option<String>, String) =
        app::db::query_as("SELECT attempts, sent_at, text_body FROM outbox")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(attempts, 3, "two failures, then the delivery");
    assert!(sent.is_some());
    assert_eq!(
        body, "",
        "a delivered mail's body (which may hold a link) is not kept"
    );
    let mail = delivered.lock().unwrap()[0].clone();
    assert!(mail.contains("To: ada@example.org"));
    assert!(mail.contains("multipart/alternative"));
}

#[tokio::test]
async fn two_servers_delivering_from_one_database_send_each_mail_once() {
    let (pool, url, _folder) = crate::support::fresh_database_at().await;
    for n in 0..30 {
        queue_one(&pool, &format!("person-{n}@example.org")).await;
    }
    // A second server's own pool on the same database.
    let other_pool = server::database::open(&url, 8).await.unwrap().reads;
    let (first, first_delivered) = worker(pool.clone(), 0, 10);
    let (second, second_delivered) = worker(other_pool, 0, 10);
    let (a, b) = tokio::join!(
        async {
            let mut sent = 0;
            for _ in 0..5 {
                sent += first.deliver_due().await.unwrap();
            }
            sent
        },
        async {
            let mut sent = 0;
            for _ in 0..5 {
                sent += second.deliver_due().await.unwrap();
            }
            sent
        },
    );
    assert_eq!(a + b, 30, "{a} + {b} deliveries");
    let mut recipients: Vec<String> = first_delivered
        .lock()
        .unwrap()
        .iter()
        .chain(second_delivered.lock().unwrap().iter())
        .map(|mail| {
            mail.lines()
                .find_map(|line| line.strip_prefix("To: "))
                .unwrap()
                .to_owned()
        })
        .collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 30, "a mail went out twice");
}

#[tokio::test]
async fn a_mail_whose_worker_died_is_taken_again_once_its_lease_ends() {
    let (pool, _folder) = fresh_database().await;
    queue_one(&pool, "carol@example.org").await;
    let now = chrono::Utc::now();
    let stamp = app::server::rfc3339;
    // A worker takes it for 200 ms and is never heard of again.
    let taken = app::outbox::queries::claim_due(
        &pool,
        &stamp(now),
        &stamp(now + chrono::Duration::milliseconds(200)),
        10,
    )
    .await
    .unwrap();
    assert_eq!(taken.len(), 1);
    let (worker, delivered) = worker(pool.clone(), 0, 10);
    assert_eq!(worker.deliver_due().await.unwrap(), 0, "taken while leased");
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(worker.deliver_due().await.unwrap(), 1);
    assert_eq!(delivered.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_mail_that_keeps_failing_is_abandoned_after_the_last_attempt() {
    let (pool, _folder) = fresh_database().await;
    queue_one(&pool, "bob@example.org").await;
    let (worker, delivered) = worker(pool.clone(), u32::MAX, 3);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        worker.deliver_due().await.unwrap();
        let abandoned: Option<String> = app::db::query_scalar("SELECT abandoned_at FROM outbox")
            .fetch_one(&pool)
            .await
            .unwrap();
        if abandoned.is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "abandoned within 5 s");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(delivered.lock().unwrap().is_empty());
    let (attempts, error): (i64, String) =
        app::db::query_as("SELECT attempts, last_error FROM outbox")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(attempts, 3);
    assert!(error.contains("connection refused"));
}

#[tokio::test]
async fn a_mail_queued_by_a_transaction_that_rolls_back_is_never_sent() {
    let (pool, _folder) = fresh_database().await;
    {
        let mut tx = pool.begin().await.unwrap();
        let mail = ComposedMail {
            subject: "Never".into(),
            text: "x".into(),
            html: "x".into(),
        };
        enqueue(
            &mut tx,
            None,
            "eve@example.org",
            &mail,
            &app::server::now_rfc3339(),
        )
        .await
        .unwrap();
        tx.rollback().await.unwrap();
    }
    let (worker, delivered) = worker(pool.clone(), 0, 3);
    assert_eq!(worker.deliver_due().await.unwrap(), 0);
    assert!(delivered.lock().unwrap().is_empty());
}

#[tokio::test]
async fn an_invitation_mail_reaches_a_real_smtp_listener() {
    let smtp = SmtpListener::start();
    let server = TestServer::start_with(|config| {
        config.smtp_host = Some("127.0.0.1".into());
        config.smtp_port = smtp.port;
        config.smtp_tls = server::mail::SmtpTls::None;
        config.mail_from = "Roster <roster@example.org>".into();
    })
    .await;
    let (account, owner) = server.account("Smtp Co").await;
    let email = unique_email();
    server.invite(&owner, &account, &email, &[]).await;
    // aiosmtpd prints each whole message between two marker lines; the owner's verification
    // mail from sign-up comes first.
    let to = format!("To: {email}");
    smtp.wait_for(&to).await;
    let mut received = smtp.wait_for("END MESSAGE").await;
    while !received[received.find(&to).unwrap()..].contains("END MESSAGE") {
        tokio::time::sleep(Duration::from_millis(50)).await;
        received = smtp.wait_for("END MESSAGE").await;
    }
    assert!(received.contains(&format!("To: {email}")));
    assert!(received.contains("From: Roster <roster@example.org>"));
    assert!(received.contains("invited you to join Smtp Co on Roster"));
    assert!(received.contains("/invitations/"));
    assert!(
        server.mails_to(&email).is_empty(),
        "no .eml file when SMTP is configured"
    );
    // The listener prints the mail before the SMTP exchange ends and the outbox records it.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let sent: i64 = app::db::query_scalar(
            "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL AND recipient = $1",
        )
        .bind(&email)
        .fetch_one(&server.pool)
        .await
        .unwrap();
        if sent == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the outbox records the delivery");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Takes `pause` over each mail, as an SMTP server near its timeout does.
struct SlowTransport {
    pause: Duration,
    delivered: Arc<Mutex<Vec<String>>>,
}

impl Transport for SlowTransport {
    async fn deliver(&self, mail: &Message) -> Result<String, DeliveryError> {
        tokio::time::sleep(self.pause).await;
        let text = String::from_utf8_lossy(&mail.formatted()).into_owned();
        self.delivered.lock().unwrap().push(text);
        Ok("250 taken".to_owned())
    }
}

#[tokio::test]
async fn a_batch_slower_than_its_lease_still_sends_each_mail_once_with_two_servers() {
    let (pool, url, _folder) = crate::support::fresh_database_at().await;
    for n in 0..6 {
        queue_one(&pool, &format!("slow-{n}@example.org")).await;
    }
    let other_pool = server::database::open(&url, 8).await.unwrap().reads;
    let delivered = Arc::new(Mutex::new(Vec::new()));
    let slow_worker = |pool| OutboxWorker {
        pool,
        transport: SlowTransport {
            pause: Duration::from_millis(150),
            delivered: delivered.clone(),
        },
        from: "Roster <roster@localhost>".parse().unwrap(),
        backoff: Backoff {
            first: Duration::from_millis(20),
            max: Duration::from_millis(80),
            max_attempts: 3,
        },
        wakeup: Arc::new(tokio::sync::Notify::new()),
        // Shorter than the batch: six mails take 900 ms.
        lease: Duration::from_millis(300),
        idle_poll: Duration::from_secs(60),
        failures: Default::default(),
        bounces: None,
    };
    let (first, second) = (slow_worker(pool.clone()), slow_worker(other_pool));
    let keep_delivering = |worker: OutboxWorker<SlowTransport>| async move {
        let until = Instant::now() + Duration::from_secs(2);
        while Instant::now() < until {
            worker.deliver_due().await.unwrap();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    tokio::join!(keep_delivering(first), async {
        tokio::time::sleep(Duration::from_millis(400)).await;
        keep_delivering(second).await;
    });
    let mut recipients: Vec<String> = delivered
        .lock()
        .unwrap()
        .iter()
        .map(|mail| {
            mail.lines()
                .find_map(|line| line.strip_prefix("To: "))
                .unwrap()
                .to_owned()
        })
        .collect();
    let sent = recipients.len();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 6, "every mail went out");
    assert_eq!(sent, 6, "no mail went out twice: {recipients:?}");
}
