//! Who the client is, for throttling: the peer's address, or, when the peer is a trusted
//! reverse proxy, the last address in `X-Forwarded-For` that is not one of the proxies.

use app::server::ClientIp;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Arc<Vec<IpAddr>>);

pub async fn record_client_address(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    if let Some(peer) = peer {
        let client = client_of(peer, request.headers(), &proxies.0);
        request.extensions_mut().insert(ClientIp(client));
    }
    next.run(request).await
}

fn client_of(peer: IpAddr, headers: &HeaderMap, proxies: &[IpAddr]) -> IpAddr {
    if !proxies.contains(&peer) {
        return peer;
    }
    // Each proxy appends the address it received from; read from the right, past the proxies.
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .filter_map(|entry| entry.parse::<IpAddr>().ok())
        .find(|address| !proxies.contains(address))
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    const PROXY: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
    const CLIENT: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(203, 0, 113, 7));

    fn forwarded(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn a_direct_client_cannot_choose_its_address_with_the_header() {
        assert_eq!(
            client_of(CLIENT, &forwarded("198.51.100.1"), &[PROXY]),
            CLIENT
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_forwarded_client_counts() {
        assert_eq!(
            client_of(PROXY, &forwarded("198.51.100.1, 203.0.113.7"), &[PROXY]),
            CLIENT
        );
    }

    #[test]
    fn a_proxy_without_the_header_is_the_client() {
        assert_eq!(client_of(PROXY, &HeaderMap::new(), &[PROXY]), PROXY);
    }
}
