use keyring::Entry;

use super::SecretStore;

/// The keychain service name every Kitbench secret is stored under.
pub const SERVICE: &str = "kitbench";

/// Account name used only to find out whether a keychain answers.
const PROBE_ACCOUNT: &str = "kitbench-probe";

/// The OS keychain through `keyring` (Secret Service on Linux).
#[derive(Debug, Clone)]
pub struct KeychainStore {
    service: String,
}

impl Default for KeychainStore {
    fn default() -> Self {
        Self {
            service: SERVICE.to_string(),
        }
    }
}

impl KeychainStore {
    /// A store under another service name (tests use their own to stay apart).
    pub fn with_service(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, account: &str) -> Result<Entry, String> {
        Entry::new(&self.service, account).map_err(|e| explain(&e))
    }
}

impl SecretStore for KeychainStore {
    fn get(&self, account: &str) -> Result<Option<String>, String> {
        match self.entry(account)?.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(explain(&e)),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), String> {
        self.entry(account)?
            .set_password(secret)
            .map_err(|e| explain(&e))
    }

    fn delete(&self, account: &str) -> Result<(), String> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(explain(&e)),
        }
    }
}

/// Why the keychain could not be used: a sentence for people, and the raw error for support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeychainFailure {
    /// In words a person understands.
    pub reason: &'static str,
    /// What keyring / D-Bus said.
    pub raw: String,
}

impl std::fmt::Display for KeychainFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.reason, self.raw)
    }
}

/// Asks the keychain for an entry that does not exist: `Ok` when a keychain answered.
pub fn probe(store: &KeychainStore) -> Result<(), KeychainFailure> {
    let entry = Entry::new(&store.service, PROBE_ACCOUNT).map_err(|e| failure(&e))?;
    match entry.get_password() {
        Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(failure(&e)),
    }
}

/// Turns keyring/D-Bus failures into a sentence; the raw text stays in parentheses for support.
fn explain(e: &keyring::Error) -> String {
    failure(e).to_string()
}

fn failure(e: &keyring::Error) -> KeychainFailure {
    let raw = e.to_string();
    let no_bus = [
        "autolaunch",
        "DBUS_SESSION_BUS_ADDRESS",
        "Failed to connect to socket",
    ];
    let reason = if no_bus.iter().any(|s| raw.contains(s)) {
        "There is no D-Bus session bus, so no keychain can be reached."
    } else if raw.contains("org.freedesktop.secrets") || raw.contains("ServiceUnknown") {
        "No Secret Service (such as GNOME Keyring or KWallet) is running."
    } else if raw.contains("prompt") || raw.contains("locked") {
        "The keychain is locked and the unlock prompt was dismissed."
    } else if raw.contains("no result found") {
        "The keychain has no default collection (keyring)."
    } else {
        "The keychain reported an error."
    };
    KeychainFailure { reason, raw }
}
