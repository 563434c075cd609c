//! Bounces that come back after a mail went out. Each mail leaves with its own return path,
//! `bounces+<mail id>.<tag>@example.org` (VERP), where the tag is an HMAC of the id under the
//! bounce secret: a bounce names the mail it is about, and nobody who sees one return path can
//! make up another's.

use hmac::{Hmac, Mac};
use lettre::Address;
use sha2::Sha256;

/// The mailbox bounces return to, and the secret that tags return paths and signs reports.
#[derive(Clone)]
pub struct BounceMailbox {
    user: String,
    domain: String,
    secret: String,
}

impl std::fmt::Debug for BounceMailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BounceMailbox({}@{})", self.user, self.domain)
    }
}

/// How many hex digits of the HMAC a return path carries: 64 bits, beyond guessing.
const TAG_DIGITS: usize = 16;

impl BounceMailbox {
    /// From `--bounce-mailbox` (`bounces@example.org`) and `--bounce-secret`.
    pub fn new(mailbox: &str, secret: &str) -> Result<Self, String> {
        let address: Address = mailbox
            .parse()
            .map_err(|e| format!("--bounce-mailbox {mailbox:?}: {e}"))?;
        if secret.len() < 32 {
            return Err("--bounce-secret: use at least 32 characters".into());
        }
        Ok(Self {
            user: address.user().to_owned(),
            domain: address.domain().to_owned(),
            secret: secret.to_owned(),
        })
    }

    pub fn secret(&self) -> &str {
        &self.secret
    }

    fn tag(&self, mail_id: i64) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(self.secret.as_bytes()).expect("any key");
        mac.update(b"return-path:");
        mac.update(mail_id.to_string().as_bytes());
        let digest = mac.finalize().into_bytes();
        app::secrets::hex::encode(&digest)[..TAG_DIGITS].to_owned()
    }

    /// The return path of the mail `mail_id`.
    pub fn return_path(&self, mail_id: i64) -> Address {
        let user = format!("{}+{mail_id}.{}", self.user, self.tag(mail_id));
        Address::new(user, &self.domain).expect("a valid address stays valid with +<digits>.<hex>")
    }

    /// The mail a return path names, if it is one this mailbox made (its tag matches).
    pub fn mail_of(&self, return_path: &str) -> Option<i64> {
        let address: Address = return_path.trim().parse().ok()?;
        if !address.domain().eq_ignore_ascii_case(&self.domain) {
            return None;
        }
        let (user, rest) = address.user().split_once('+')?;
        let (id, tag) = rest.split_once('.')?;
        let id: i64 = id.parse().ok()?;
        let matches = user.eq_ignore_ascii_case(&self.user)
            && tag.len() == TAG_DIGITS
            && app::secrets::SecretHash::of(&tag.to_ascii_lowercase())
                .matches(&app::secrets::SecretHash::of(&self.tag(id)));
        matches.then_some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox() -> BounceMailbox {
        BounceMailbox::new("bounces@mail.example.org", &"s".repeat(32)).unwrap()
    }

    #[test]
    fn a_return_path_names_its_mail_and_only_its_own_tag_is_accepted() {
        let bounces = mailbox();
        let path = bounces.return_path(42).to_string();
        assert!(path.starts_with("bounces+42."), "{path}");
        assert!(path.ends_with("@mail.example.org"));
        assert_eq!(bounces.mail_of(&path), Some(42));
        // Another mail's id with this tag, a made-up tag, another domain: none names a mail.
        assert_eq!(bounces.mail_of(&path.replace("+42.", "+43.")), None);
        let tag = path.split(['.', '@']).nth(1).unwrap();
        assert_eq!(bounces.mail_of(&path.replace(tag, &"0".repeat(16))), None);
        assert_eq!(
            bounces.mail_of(&path.replace("mail.example.org", "evil.test")),
            None
        );
        assert_eq!(bounces.mail_of("bounces@mail.example.org"), None);
        assert_eq!(bounces.mail_of("<script>@x"), None);
    }

    #[test]
    fn a_short_secret_or_a_bad_mailbox_is_refused_at_start() {
        assert!(BounceMailbox::new("bounces@example.org", "short").is_err());
        assert!(BounceMailbox::new("not a mailbox", &"s".repeat(32)).is_err());
    }
}
