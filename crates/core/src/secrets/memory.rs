use std::collections::HashMap;
use std::sync::Mutex;

use secrecy::{ExposeSecret, SecretString};

use super::SecretStore;

/// Secrets in process memory: gone when the app quits. Each is a `SecretString`, so `Debug` of
/// the store (and of everything holding it) shows the accounts but never a secret, and the
/// memory is zeroed when a secret is replaced or removed.
#[derive(Debug, Default)]
pub struct MemoryStore {
    secrets: Mutex<HashMap<String, SecretString>>,
}

impl SecretStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<String>, String> {
        Ok(self
            .secrets
            .lock()
            .map_err(|e| e.to_string())?
            .get(account)
            .map(|s| s.expose_secret().to_owned()))
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), String> {
        self.secrets
            .lock()
            .map_err(|e| e.to_string())?
            .insert(account.to_string(), SecretString::from(secret));
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), String> {
        self.secrets
            .lock()
            .map_err(|e| e.to_string())?
            .remove(account);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_accounts_but_never_secrets() {
        let store = MemoryStore::default();
        store.set("env_1", "hunter2-client-secret").unwrap();
        let shown = format!("{store:?} {store:#?}");
        assert!(shown.contains("env_1"), "{shown}");
        assert!(!shown.contains("hunter2-client-secret"), "{shown}");
        assert_eq!(
            store.get("env_1").unwrap().as_deref(),
            Some("hunter2-client-secret")
        );
    }
}
