use serde::{Deserialize, Serialize};

/// A webhook endpoint as its account's page lists it: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointRow {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    pub created_at: String,
    /// Why and since when Roster paused it (its deliveries wait until it is resumed).
    pub paused: Option<(String, String)>,
    /// Its latest deliveries, newest first.
    pub deliveries: Vec<DeliveryRow>,
}

/// One delivery of one event to one endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryRow {
    pub id: i64,
    pub event: String,
    pub created_at: String,
    pub attempts: i64,
    /// The HTTP status of the last answer, if one came.
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub state: DeliveryState,
    pub redelivery: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryState {
    Pending,
    Delivered,
    Abandoned,
}

impl DeliveryState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Delivered => "Delivered",
            Self::Abandoned => "Gave up",
        }
    }
}

/// An event a new endpoint may subscribe to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventChoice {
    pub name: String,
    pub description: String,
}

/// The account's webhooks page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhooksView {
    pub endpoints: Vec<EndpointRow>,
    pub may_write: bool,
    pub events: Vec<EventChoice>,
    /// The signing secret of the endpoint this browser just added, shown this once.
    pub new_secret: Option<NewEndpointSecret>,
}

/// A new endpoint's signing secret, on the page that follows its creation and never again.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEndpointSecret {
    pub endpoint_id: String,
    pub url: String,
    pub secret: String,
}

impl std::fmt::Debug for NewEndpointSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewEndpointSecret")
            .field("endpoint_id", &self.endpoint_id)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}
