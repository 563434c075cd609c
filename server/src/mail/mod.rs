//! Mail delivery: queued mails leave the outbox through a [`Transport`]. Two real transports
//! exist: SMTP (lettre), and a directory of `.eml` files, the default, so that a fresh machine
//! works with no mail server.

mod eml_dir;
mod outbox;
mod smtp;

pub use app::outbox::queries::QueuedMail;
pub use eml_dir::EmlDirectory;
pub use outbox::{Backoff, OutboxWorker};
pub use smtp::{SmtpSettings, SmtpTls, SmtpTransport};

use lettre::Message;
use lettre::message::{Mailbox, MultiPart};

/// Why a delivery failed; the worker records it and tries again later.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct DeliveryError(pub String);

/// Something that can deliver a mail.
pub trait Transport: Send + Sync + 'static {
    fn deliver(&self, mail: &Message) -> impl Future<Output = Result<(), DeliveryError>> + Send;
}

/// The transport chosen by configuration.
pub enum Configured {
    Smtp(SmtpTransport),
    EmlDirectory(EmlDirectory),
}

impl Transport for Configured {
    async fn deliver(&self, mail: &Message) -> Result<(), DeliveryError> {
        match self {
            Self::Smtp(smtp) => smtp.deliver(mail).await,
            Self::EmlDirectory(dir) => dir.deliver(mail).await,
        }
    }
}

/// Builds the MIME message (text and HTML alternatives) of a queued mail.
pub fn build_message(from: &Mailbox, mail: &QueuedMail) -> Result<Message, DeliveryError> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|e| DeliveryError(format!("recipient address: {e}")))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .multipart(MultiPart::alternative_plain_html(
            mail.text_body.clone(),
            mail.html_body.clone(),
        ))
        .map_err(|e| DeliveryError(format!("building the message: {e}")))
}
