use super::{DeliveryError, Transport};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SmtpTls {
    /// TLS from the first byte (SMTPS, usually port 465).
    Tls,
    /// Plain connection upgraded with STARTTLS, refused if the server cannot (usually port 587).
    Starttls,
    /// No encryption: only for a relay on the same machine or a trusted network.
    None,
}

#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
}

/// Delivers through an SMTP server.
pub struct SmtpTransport {
    inner: AsyncSmtpTransport<Tokio1Executor>,
}

impl SmtpTransport {
    pub fn new(settings: &SmtpSettings) -> Result<Self, DeliveryError> {
        let builder = match settings.tls {
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host),
            SmtpTls::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
            }
            SmtpTls::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
                &settings.host,
            )),
        }
        .map_err(|e| DeliveryError::permanent(format!("SMTP settings: {e}")))?;
        let mut builder = builder
            .port(settings.port)
            .timeout(Some(Duration::from_secs(30)));
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Self {
            inner: builder.build(),
        })
    }
}

impl Transport for SmtpTransport {
    async fn deliver(&self, mail: &Message) -> Result<String, DeliveryError> {
        match self.inner.send(mail.clone()).await {
            Ok(response) => Ok(spoken(&response.code().to_string(), response.message())),
            // The receiving server refused it for good (5xx): trying again changes nothing.
            Err(error) if error.is_permanent() => Err(DeliveryError::permanent(answer(&error))),
            Err(error) => Err(DeliveryError::transient(answer(&error))),
        }
    }
}

/// What the server said, as one line: "250 2.0.0 Ok: queued as 4F2A1".
fn spoken<'a>(code: &str, lines: impl Iterator<Item = &'a str>) -> String {
    let words: Vec<&str> = lines.map(|line| line.trim()).collect();
    format!("{code} {}", words.join(" ")).trim().to_owned()
}

/// A refusal as the server worded it, with its code; a failure without an answer (the
/// connection, TLS) as lettre describes it.
fn answer(error: &lettre::transport::smtp::Error) -> String {
    match error.status() {
        Some(code) => {
            // lettre words it "permanent error (550): 5.1.1 No such user"; the code leads.
            let text = error.to_string();
            let said = text
                .split_once("): ")
                .map_or(text.as_str(), |(_, said)| said);
            format!("{code} {said}")
        }
        None => format!("SMTP: {error}"),
    }
}
