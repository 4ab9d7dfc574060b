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

/// Asks the keychain for an entry that does not exist: `Ok` when a keychain answered,
/// `Err(reason)` in words a person understands when there is none.
pub fn probe(store: &KeychainStore) -> Result<(), String> {
    store.get(PROBE_ACCOUNT).map(|_| ())
}

/// Turns keyring/D-Bus failures into a sentence; the raw text stays in parentheses for support.
fn explain(e: &keyring::Error) -> String {
    let raw = e.to_string();
    let reason = if raw.contains("autolaunch") || raw.contains("DBUS_SESSION_BUS_ADDRESS") {
        "there is no D-Bus session bus, so no keychain can be reached"
    } else if raw.contains("org.freedesktop.secrets") || raw.contains("ServiceUnknown") {
        "no Secret Service (such as GNOME Keyring or KWallet) is running"
    } else if raw.contains("prompt") || raw.contains("locked") {
        "the keychain is locked and the unlock prompt was dismissed"
    } else if raw.contains("no result found") {
        "the keychain has no default collection (keyring)"
    } else {
        "the keychain reported an error"
    };
    format!("{reason} ({raw})")
}
