use std::sync::{Arc, RwLock};
use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

use super::{KeychainStore, MemoryStore, SecretStore};
use crate::{Error, Result};

/// How long a keychain call may take; an unlock prompt can be on screen meanwhile.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);
/// How long start-up waits for the keychain to answer the probe.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// Where new secrets go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "SecretMode.ts")]
pub enum SecretMode {
    /// The OS keychain.
    Keychain,
    /// Memory, for this session only (the user chose it, or tests).
    Session,
    /// No keychain, and the user has not (yet) chosen session-only storage.
    Unavailable,
}

/// What the UI shows about secret storage (a banner unless `keychain`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "SecretStatus.ts")]
pub struct SecretStatus {
    /// Where new secrets go.
    pub mode: SecretMode,
    /// Why the keychain is not used, in words a person understands.
    pub detail: Option<String>,
    /// What the keychain itself said, for support (shown folded away).
    pub technical: Option<String>,
}

/// The secret store the app uses: a keychain if there is one, plus session memory.
#[derive(Debug)]
pub struct Secrets {
    keychain: Option<Arc<dyn SecretStore>>,
    session: Arc<MemoryStore>,
    mode: RwLock<SecretMode>,
    detail: Option<String>,
    technical: Option<String>,
}

impl Secrets {
    /// Secrets in `keychain`.
    pub fn new(keychain: Arc<dyn SecretStore>) -> Self {
        Self {
            keychain: Some(keychain),
            session: Arc::default(),
            mode: RwLock::new(SecretMode::Keychain),
            detail: None,
            technical: None,
        }
    }

    /// Memory only, from the start (portable mode and tests).
    pub fn session_only() -> Self {
        Self {
            keychain: None,
            session: Arc::default(),
            mode: RwLock::new(SecretMode::Session),
            detail: Some("Secrets are kept for this session only.".into()),
            technical: None,
        }
    }

    /// No keychain: saving a secret fails until [`Secrets::use_session`] is called.
    pub fn unavailable(detail: impl Into<String>, technical: Option<String>) -> Self {
        Self {
            keychain: None,
            session: Arc::default(),
            mode: RwLock::new(SecretMode::Unavailable),
            detail: Some(detail.into()),
            technical,
        }
    }

    /// Uses the OS keychain if one answers, else starts [`Secrets::unavailable`] with the reason.
    pub async fn detect() -> Self {
        let store = KeychainStore::default();
        let probe_store = store.clone();
        let answer = tokio::time::timeout(
            PROBE_TIMEOUT,
            tokio::task::spawn_blocking(move || super::probe(&probe_store)),
        )
        .await;
        match answer {
            Ok(Ok(Ok(()))) => Self::new(Arc::new(store)),
            Ok(Ok(Err(failure))) => Self::unavailable(failure.reason, Some(failure.raw)),
            Ok(Err(join)) => Self::unavailable(
                "Kitbench could not ask the system keychain.",
                Some(join.to_string()),
            ),
            Err(_) => Self::unavailable("The system keychain did not answer within 5 s.", None),
        }
    }

    /// Where secrets go now, for the UI.
    pub fn status(&self) -> SecretStatus {
        SecretStatus {
            mode: self.mode(),
            detail: self.detail.clone(),
            technical: self.technical.clone(),
        }
    }

    /// Where new secrets go.
    pub fn mode(&self) -> SecretMode {
        *self.mode.read().unwrap_or_else(|p| p.into_inner())
    }

    /// The user agreed to keep secrets in memory for this session (only meaningful without a
    /// keychain; with one, nothing changes).
    pub fn use_session(&self) -> SecretStatus {
        let mut mode = self.mode.write().unwrap_or_else(|p| p.into_inner());
        if *mode == SecretMode::Unavailable {
            *mode = SecretMode::Session;
        }
        drop(mode);
        self.status()
    }

    /// The secret of `account`, from session memory first, then the keychain.
    pub async fn get(&self, account: &str) -> Result<Option<String>> {
        if let Some(s) = self.session.get(account).map_err(Error::SecretStore)? {
            return Ok(Some(s));
        }
        match &self.keychain {
            Some(k) => blocking(k.clone(), account, |k, a| k.get(&a)).await,
            None => Ok(None),
        }
    }

    /// Stores the secret of `account` where [`Secrets::mode`] says.
    pub async fn set(&self, account: &str, secret: &str) -> Result<()> {
        match (self.mode(), &self.keychain) {
            (SecretMode::Keychain, Some(k)) => {
                let secret = secret.to_string();
                blocking(k.clone(), account, move |k, a| k.set(&a, &secret)).await
            }
            (SecretMode::Unavailable, _) => Err(Error::SecretStoreUnavailable(format!(
                "{} Choose \"Keep secrets for this session\" to continue without it.",
                self.detail
                    .as_deref()
                    .unwrap_or("There is no system keychain.")
            ))),
            _ => self.set_session(account, secret),
        }
    }

    /// Stores a secret in session memory whatever the mode (the Sandbox's own credentials
    /// when there is no keychain: they are regenerated on the next launch anyway).
    pub fn set_session(&self, account: &str, secret: &str) -> Result<()> {
        self.session
            .set(account, secret)
            .map_err(Error::SecretStore)
    }

    /// Removes the secret of `account` from memory and from the keychain.
    pub async fn delete(&self, account: &str) -> Result<()> {
        self.session.delete(account).map_err(Error::SecretStore)?;
        match &self.keychain {
            Some(k) => blocking(k.clone(), account, |k, a| k.delete(&a)).await,
            None => Ok(()),
        }
    }
}

/// Runs a keychain call on the blocking pool (D-Bus calls block) with a time limit.
async fn blocking<T, F>(store: Arc<dyn SecretStore>, account: &str, call: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&dyn SecretStore, String) -> std::result::Result<T, String> + Send + 'static,
{
    let account = account.to_string();
    let task = tokio::task::spawn_blocking(move || call(store.as_ref(), account));
    match tokio::time::timeout(CALL_TIMEOUT, task).await {
        Ok(Ok(result)) => result.map_err(Error::SecretStore),
        Ok(Err(join)) => Err(Error::SecretStore(join.to_string())),
        Err(_) => Err(Error::SecretStore(
            "the keychain did not answer within 60 s".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn unavailable_until_session_is_chosen() {
        let s = Secrets::unavailable("no keychain here", None);
        assert_eq!(s.status().mode, SecretMode::Unavailable);
        let err = s.set("env_1", "shh").await.unwrap_err();
        assert!(matches!(err, Error::SecretStoreUnavailable(_)));
        assert!(err.to_string().contains("no keychain here"));
        assert_eq!(s.use_session().mode, SecretMode::Session);
        s.set("env_1", "shh").await.unwrap();
        assert_eq!(s.get("env_1").await.unwrap().as_deref(), Some("shh"));
        s.delete("env_1").await.unwrap();
        assert_eq!(s.get("env_1").await.unwrap(), None);
    }

    #[tokio::test]
    async fn debug_never_prints_a_secret() {
        let s = Secrets::new(Arc::new(MemoryStore::default()));
        s.set("env_3", "keychain-secret-value").await.unwrap();
        s.set_session("env_4", "session-secret-value").unwrap();
        let shown = format!("{s:?} {s:#?}");
        assert!(
            shown.contains("env_3") && shown.contains("env_4"),
            "{shown}"
        );
        assert!(!shown.contains("keychain-secret-value"), "{shown}");
        assert!(!shown.contains("session-secret-value"), "{shown}");
    }

    #[tokio::test]
    async fn keychain_mode_writes_to_the_store() {
        let store = Arc::new(MemoryStore::default());
        let s = Secrets::new(store.clone());
        s.set("env_2", "abc").await.unwrap();
        assert_eq!(store.get("env_2").unwrap().as_deref(), Some("abc"));
        assert_eq!(s.use_session().mode, SecretMode::Keychain);
        s.delete("env_2").await.unwrap();
        assert_eq!(store.get("env_2").unwrap(), None);
    }
}
