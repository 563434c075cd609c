//! Where a webhook may be sent: an http(s) URL whose host resolves only to public addresses,
//! unless the deployment allows private ones (`--allow-private-webhooks`). Checked when the
//! endpoint is added, and again before every delivery, whose connection then goes to exactly
//! the addresses checked (a name that later resolves to 127.0.0.1 reaches nothing private).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;
use url::{Host, Url};

pub const MAX_LENGTH: usize = 2000;

/// Parses and checks an endpoint's URL; the message says what to change.
pub fn parse(text: &str) -> Result<Url, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter the address that is to receive the events.".into());
    }
    if text.len() > MAX_LENGTH {
        return Err("Use at most 2,000 characters.".into());
    }
    let url = Url::parse(text)
        .map_err(|_| "Enter a full address, such as https://example.com/roster-events.")?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err("Use an https:// (or http://) address.".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "Leave names and passwords out of the address: each delivery is signed instead.".into(),
        );
    }
    if url.host().is_none() {
        return Err("Enter an address with a host name.".into());
    }
    if url.fragment().is_some() {
        return Err("Leave out the part after #: it is never sent.".into());
    }
    Ok(url)
}

/// The addresses the URL's host stands for, each checked unless private ones are allowed.
pub async fn resolve(url: &Url, allow_private: bool) -> Result<Vec<SocketAddr>, String> {
    let port = url.port_or_known_default().unwrap_or(443);
    let addresses: Vec<SocketAddr> = match url.host() {
        Some(Host::Ipv4(ip)) => vec![SocketAddr::new(IpAddr::V4(ip), port)],
        Some(Host::Ipv6(ip)) => vec![SocketAddr::new(IpAddr::V6(ip), port)],
        Some(Host::Domain(name)) => {
            let lookup = tokio::net::lookup_host((name, port));
            match tokio::time::timeout(Duration::from_secs(5), lookup).await {
                Ok(Ok(found)) => found.collect(),
                _ => Vec::new(),
            }
        }
        None => Vec::new(),
    };
    if addresses.is_empty() {
        return Err("Roster could not find this host. Check the address.".into());
    }
    if !allow_private && addresses.iter().any(|address| !is_public(address.ip())) {
        return Err(
            "This address leads to a private, loopback or reserved network, where Roster does not send events."
                .into(),
        );
    }
    Ok(addresses)
}

/// Whether an address is on the public internet (not loopback, private, link-local, shared,
/// reserved, documentation or multicast).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_public_v4(ip),
        IpAddr::V6(ip) => match ip.to_ipv4_mapped() {
            Some(mapped) => is_public_v4(mapped),
            None => is_public_v6(ip),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    let first = s[0];
    let embedded = |high: u16, low: u16| {
        let [a, b] = high.to_be_bytes();
        let [c, d] = low.to_be_bytes();
        Ipv4Addr::new(a, b, c, d)
    };
    // IPv4 carried inside IPv6 reaches the IPv4 address: `::a.b.c.d` (compatible),
    // `::ffff:0:a.b.c.d` (translated) and 6to4's `2002:aabb:ccdd::`. Each is as public as the
    // address it carries.
    if s[..6] == [0; 6] && !ip.is_loopback() && !ip.is_unspecified() {
        return is_public_v4(embedded(s[6], s[7]));
    }
    if s[..6] == [0, 0, 0, 0, 0xffff, 0] {
        return is_public_v4(embedded(s[6], s[7]));
    }
    if first == 0x2002 {
        return is_public_v4(embedded(s[1], s[2]));
    }
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        // Site-local (deprecated, but still routed inside some networks).
        || (first & 0xffc0) == 0xfec0
        || (first == 0x2001 && s[1] == 0x0db8)
        // Teredo: the IPv4 address inside is obfuscated; nothing public needs it.
        || (first == 0x2001 && s[1] == 0)
        // NAT64, well-known and local-use prefixes.
        || (first == 0x0064 && s[1] == 0xff9b)
        // Discard-only.
        || (first == 0x0100 && s[1..4] == [0, 0, 0]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_full_http_addresses_without_credentials_are_taken() {
        assert!(parse("https://hooks.example.com/roster").is_ok());
        assert!(parse("http://127.0.0.1:8080/in").is_ok());
        for refused in [
            "",
            "hooks.example.com",
            "ftp://example.com/",
            "https://user:pw@example.com/",
            "https://example.com/#x",
            "javascript:alert(1)",
        ] {
            assert!(parse(refused).is_err(), "{refused}");
        }
        assert!(parse(&format!("https://example.com/{}", "a".repeat(2000))).is_err());
    }

    #[test]
    fn loopback_private_and_reserved_addresses_are_not_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "::ffff:0:7f00:1",
            "2002:7f00:1::1",
            "2002:c0a8:101::1",
            "fec0::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "64:ff9b:1::7f00:1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "93.184.216.34",
            "2606:4700::1111",
            "1.1.1.1",
            "2002:5db8:d822::1",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[tokio::test]
    async fn a_private_literal_is_refused_unless_private_endpoints_are_allowed() {
        let url = parse("http://10.0.0.7/hook").unwrap();
        assert!(resolve(&url, false).await.is_err());
        let allowed = resolve(&url, true).await.unwrap();
        assert_eq!(allowed, vec!["10.0.0.7:80".parse().unwrap()]);
    }
}
