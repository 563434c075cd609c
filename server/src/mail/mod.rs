//! Mail delivery: queued mails leave the outbox through a [`Transport`]. Two real transports
//! exist: SMTP (lettre), and a directory of `.eml` files, the default, so that a fresh machine
//! works with no mail server.

pub mod bounce;
mod eml_dir;
mod outbox;
mod smtp;

pub use app::outbox::queries::QueuedMail;
pub use eml_dir::EmlDirectory;
pub use outbox::{Backoff, OutboxWorker};
pub use smtp::{SmtpSettings, SmtpTls, SmtpTransport};

use lettre::Message;
use lettre::message::{Mailbox, MultiPart};

/// Why a delivery failed, as the receiving server (or the connection) said it; the worker tries
/// again later unless it is `permanent` (a 5xx answer).
#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct DeliveryError {
    pub reason: String,
    pub permanent: bool,
}

impl DeliveryError {
    /// Worth another try: a 4xx answer, a connection that broke.
    pub fn transient(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            permanent: false,
        }
    }

    /// Never worth another try: the receiving server refused the mail for good.
    pub fn permanent(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            permanent: true,
        }
    }
}

/// Something that can deliver a mail: on success, what the receiving end said ("250 2.0.0 Ok:
/// queued as 4F2A1"), which the invitation's row shows.
pub trait Transport: Send + Sync + 'static {
    fn deliver(&self, mail: &Message)
    -> impl Future<Output = Result<String, DeliveryError>> + Send;
}

/// The transport chosen by configuration.
pub enum Configured {
    Smtp(SmtpTransport),
    EmlDirectory(EmlDirectory),
}

impl Transport for Configured {
    async fn deliver(&self, mail: &Message) -> Result<String, DeliveryError> {
        match self {
            Self::Smtp(smtp) => smtp.deliver(mail).await,
            Self::EmlDirectory(dir) => dir.deliver(mail).await,
        }
    }
}

/// Builds the MIME message (text and HTML alternatives) of a queued mail; with a bounce
/// mailbox, its return path names the mail, so that a bounce can be told apart.
pub fn build_message(
    from: &Mailbox,
    mail: &QueuedMail,
    bounces: Option<&bounce::BounceMailbox>,
) -> Result<Message, DeliveryError> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|e| DeliveryError::permanent(format!("recipient address: {e}")))?;
    let mut builder = Message::builder().from(from.clone()).to(to.clone());
    if let Some(bounces) = bounces {
        let envelope =
            lettre::address::Envelope::new(Some(bounces.return_path(mail.id)), vec![to.email])
                .map_err(|e| DeliveryError::permanent(format!("envelope: {e}")))?;
        builder = builder.envelope(envelope);
    }
    builder
        .subject(mail.subject.clone())
        .multipart(MultiPart::alternative_plain_html(
            mail.text_body.clone(),
            mail.html_body.clone(),
        ))
        .map_err(|e| DeliveryError::permanent(format!("building the message: {e}")))
}
