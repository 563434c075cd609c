//! When an invitation's link stops working, as a person says it: "expires in 2 days".

/// `expires_at` against `now` (both RFC 3339): "expires in 2 days", "expires in 5 hours",
/// "expires in less than an hour", or once it is past "expired 3 days ago".
pub fn expiry_phrase(expires_at: &str, now: &str) -> String {
    let parse = |at: &str| chrono::DateTime::parse_from_rfc3339(at).ok();
    let (Some(expires), Some(now)) = (parse(expires_at), parse(now)) else {
        return String::new();
    };
    let left = expires - now;
    let hours = left.num_hours();
    let days = left.num_days();
    match () {
        _ if left <= chrono::Duration::zero() => expired_ago(now - expires),
        _ if days >= 2 => format!("expires in {days} days"),
        _ if hours >= 2 => format!("expires in {hours} hours"),
        _ if hours == 1 => "expires in 1 hour".to_owned(),
        _ => "expires in less than an hour".to_owned(),
    }
}

fn expired_ago(past: chrono::Duration) -> String {
    let (hours, days) = (past.num_hours(), past.num_days());
    match () {
        _ if days >= 2 => format!("expired {days} days ago"),
        _ if hours >= 2 => format!("expired {hours} hours ago"),
        _ if hours == 1 => "expired 1 hour ago".to_owned(),
        _ => "expired less than an hour ago".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::expiry_phrase;

    const NOW: &str = "2026-12-07T12:00:00.000Z";

    #[test]
    fn an_invitation_says_how_long_its_link_still_works() {
        assert_eq!(
            expiry_phrase("2026-12-10T12:00:00.000Z", NOW),
            "expires in 3 days"
        );
        assert_eq!(
            expiry_phrase("2026-12-08T14:00:00.000Z", NOW),
            "expires in 26 hours"
        );
        assert_eq!(
            expiry_phrase("2026-12-07T13:10:00.000Z", NOW),
            "expires in 1 hour"
        );
        assert_eq!(
            expiry_phrase("2026-12-07T12:30:00.000Z", NOW),
            "expires in less than an hour"
        );
        assert_eq!(
            expiry_phrase("2026-12-07T11:30:00.000Z", NOW),
            "expired less than an hour ago"
        );
        assert_eq!(
            expiry_phrase("2026-12-04T11:00:00.000Z", NOW),
            "expired 3 days ago"
        );
    }
}
