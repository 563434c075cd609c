use std::net::IpAddr;

/// The address of the client that sent the request, as the server resolved it (the peer, or
/// the address a trusted reverse proxy forwarded). Put into each request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The client address of the request being handled, if the server recorded one.
pub fn client_ip() -> Option<IpAddr> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientIp>().map(|ip| ip.0))
}
