//! Sending a verification link: after sign-up, and again when asked.

use crate::auth::user_tokens::{self, TokenPurpose};
use crate::db::Db;
use crate::server::AppState;

/// Queues a mail with a new verification link for the address (an older link stops working).
pub async fn send_link(
    conn: &mut dyn Db,
    state: &AppState,
    user_id: &str,
    email: &str,
) -> Result<(), sqlx::Error> {
    let lifetime = state.auth.address_link_lifetime;
    let token = user_tokens::issue(
        conn,
        user_id,
        TokenPurpose::VerifyAddress,
        Some(email),
        lifetime,
    )
    .await?;
    let link = format!(
        "{}/verify-address/{}",
        state.invitations.public_url,
        token.as_str()
    );
    let mail = super::mail::verification(&link, lifetime);
    crate::outbox::queries::enqueue(conn, None, email, &mail, &crate::server::now_rfc3339()).await
}
