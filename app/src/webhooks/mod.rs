//! Webhooks: endpoints of an account that hear of its changes. Each change queues its events
//! in its own transaction (the audit log's `record` does it, so nothing that is audited is
//! missed); a worker delivers them after commit, signed, with retries, and logs each answer.

mod add_webhook;
mod event;
mod redeliver_webhook;
mod remove_webhook;
mod resume_webhook;
mod types;
mod webhooks_view;

#[cfg(feature = "ssr")]
pub mod address;
#[cfg(feature = "ssr")]
pub mod paused_mail;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
pub mod signature;

pub use add_webhook::{AddWebhook, add_webhook};
pub use event::WebhookEvent;
pub use redeliver_webhook::{RedeliverWebhook, redeliver_webhook};
pub use remove_webhook::{RemoveWebhook, remove_webhook};
pub use resume_webhook::{ResumeWebhook, resume_webhook};
pub use types::{
    DeliveryRow, DeliveryState, EndpointRow, EventChoice, NewEndpointSecret, WebhooksView,
};
pub use webhooks_view::{Webhooks, webhooks};

/// The session slot that carries a new endpoint's secret to the one page that shows it.
#[cfg(feature = "ssr")]
const NEW_SECRET_SLOT: &str = "new_webhook_secret";

/// How many deliveries of each endpoint its page lists.
pub const LOGGED_DELIVERIES: u32 = 10;
