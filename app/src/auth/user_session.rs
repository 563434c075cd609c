use serde::{Deserialize, Serialize};

/// A place where the user is signed in, as their profile lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSession {
    pub id: String,
    pub started_at: String,
    pub last_seen_at: String,
    /// What the browser called itself at sign-in.
    pub user_agent: String,
    pub ip: String,
    /// The codes of the factors that made it ("pwd otp"): see [`super::Factor::describe`].
    pub factors: String,
    /// The session this page is shown in.
    pub current: bool,
}
