use std::collections::HashMap;
use std::sync::Mutex;

use super::SecretStore;

/// Secrets in process memory: gone when the app quits.
#[derive(Debug, Default)]
pub struct MemoryStore {
    secrets: Mutex<HashMap<String, String>>,
}

impl SecretStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<String>, String> {
        Ok(self
            .secrets
            .lock()
            .map_err(|e| e.to_string())?
            .get(account)
            .cloned())
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), String> {
        self.secrets
            .lock()
            .map_err(|e| e.to_string())?
            .insert(account.to_string(), secret.to_string());
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
