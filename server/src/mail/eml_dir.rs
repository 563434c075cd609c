use super::{DeliveryError, Transport};
use lettre::Message;
use std::path::PathBuf;

/// Writes each mail as a `.eml` file into a directory, for a machine without a mail server and
/// for tests. A file appears whole or not at all (written aside, then renamed).
pub struct EmlDirectory {
    dir: PathBuf,
}

impl EmlDirectory {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }
}

impl Transport for EmlDirectory {
    async fn deliver(&self, mail: &Message) -> Result<String, DeliveryError> {
        let io =
            |e: std::io::Error| DeliveryError::transient(format!("{}: {e}", self.dir.display()));
        tokio::fs::create_dir_all(&self.dir).await.map_err(io)?;
        let name = format!(
            "{}-{}",
            chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ"),
            uuid::Uuid::new_v4().simple()
        );
        let partial = self.dir.join(format!(".{name}.partial"));
        tokio::fs::write(&partial, mail.formatted())
            .await
            .map_err(io)?;
        tokio::fs::rename(&partial, self.dir.join(format!("{name}.eml")))
            .await
            .map_err(io)?;
        Ok("written to the mail folder".to_owned())
    }
}
