//! The magic links of pending authorizations, in memory only: a link is a credential (anyone
//! holding it can authorize the account), so it is never written to the database or logs.

use std::collections::HashMap;
use std::sync::Mutex;

use secrecy::{ExposeSecret, SecretString};

/// Links by authorization id.
#[derive(Debug, Default)]
pub struct LinkMemory {
    links: Mutex<HashMap<String, SecretString>>,
}

impl LinkMemory {
    /// Keeps the link of an authorization (replacing an older one).
    pub fn put(&self, id: &str, link: &str) {
        self.lock().insert(id.to_string(), SecretString::from(link));
    }

    /// The link of an authorization, if this session created it.
    pub fn get(&self, id: &str) -> Option<String> {
        self.lock().get(id).map(|s| s.expose_secret().to_string())
    }

    /// Forgets the link of an authorization that has ended.
    pub fn forget(&self, id: &str) {
        self.lock().remove(id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, SecretString>> {
        self.links.lock().unwrap_or_else(|p| p.into_inner())
    }
}
