//! Reading the mails a test server wrote into its mail folder, as an invitee reads their inbox.

use crate::support::TestServer;
use std::time::{Duration, Instant};

/// One delivered mail, with quoted-printable soft line breaks undone.
pub struct Mail {
    pub raw: String,
}

impl Mail {
    /// The token of the invitation link in this mail.
    pub fn invitation_token(&self) -> String {
        self.link_token("/invitations/")
            .expect("the mail holds an invitation link")
    }

    /// The token of the first link to `path` (`/verify-address/`, say) in this mail.
    pub fn link_token(&self, path: &str) -> Option<String> {
        let start = self.raw.find(path)? + path.len();
        Some(
            self.raw[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect(),
        )
    }
}

fn decode_soft_breaks(raw: &str) -> String {
    raw.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

impl TestServer {
    /// Every mail addressed to `email`, oldest first.
    pub fn mails_to(&self, email: &str) -> Vec<Mail> {
        let Ok(entries) = std::fs::read_dir(&self.mail_dir) else {
            return Vec::new();
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        files
            .into_iter()
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .filter(|raw| {
                raw.lines()
                    .any(|line| line.eq_ignore_ascii_case(&format!("To: {email}")))
            })
            .map(|raw| Mail {
                raw: decode_soft_breaks(&raw),
            })
            .collect()
    }

    /// Waits (up to 10 s) until `count` mails have reached `email`, and returns the newest.
    pub async fn wait_for_mail(&self, email: &str, count: usize) -> Mail {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let mut mails = self.mails_to(email);
            if mails.len() >= count {
                return mails.pop().expect("a mail");
            }
            assert!(
                Instant::now() < deadline,
                "no mail number {count} reached {email} within 10 s (found {})",
                mails.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits (up to 10 s) for mail number `count` to `email` that holds a link to `path`, and
    /// returns that link's token (other mails, a verification after sign-up say, are not counted).
    pub async fn wait_for_link(&self, email: &str, path: &str, count: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let tokens: Vec<String> = self
                .mails_to(email)
                .iter()
                .filter_map(|mail| mail.link_token(path))
                .collect();
            if let Some(token) = tokens.get(count - 1) {
                return token.clone();
            }
            assert!(
                Instant::now() < deadline,
                "no link number {count} to {path} reached {email} within 10 s (found {})",
                tokens.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
