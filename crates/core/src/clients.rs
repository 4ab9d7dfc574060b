//! One AgentKit client per environment, reused so tokens stay cached between calls.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use agentkit::redact::Redactor;
use agentkit::Client;

use crate::environments::Environment;
use crate::history::HistorySink;
use crate::Result;

/// Control-plane timeout for calls the UI makes.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Clients by environment id, dropped on every edit or delete of their environment.
#[derive(Debug, Default)]
pub struct ClientCache {
    clients: Mutex<HashMap<String, (String, String, Client)>>,
    /// Moves on with every drop. A client built from an environment read before a drop is
    /// used once but not kept: cached, it would outlive the edit it raced with.
    generation: AtomicU64,
    history: Option<HistorySink>,
}

impl ClientCache {
    /// A cache whose clients record every exchange in the history.
    pub fn recording(history: HistorySink) -> Self {
        Self {
            clients: Mutex::default(),
            generation: AtomicU64::new(0),
            history: Some(history),
        }
    }

    /// Read before reading an environment to build its client (see [`Self::get_or_build`]).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The cached client of `env`, or a new one built with `secret`, kept unless a client was
    /// dropped since `seen` (the [`Self::generation`] read before `env` was).
    pub fn get_or_build(&self, env: &Environment, secret: &str, seen: u64) -> Result<Client> {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((url, id, client)) = clients.get(&env.id) {
            if *url == env.env_url && *id == env.client_id {
                return Ok(client.clone());
            }
        }
        let mut builder = Client::builder(&env.env_url, &env.client_id, secret)
            .timeout(TIMEOUT)
            .user_agent(format!("Kitbench/{}", env!("CARGO_PKG_VERSION")));
        if let Some(history) = &self.history {
            let recorder = history.recorder(&env.id, Redactor::new().with_secret(secret));
            builder = builder.observer(std::sync::Arc::new(recorder));
        }
        let client = builder.build()?;
        if self.generation() == seen {
            clients.insert(
                env.id.clone(),
                (env.env_url.clone(), env.client_id.clone(), client.clone()),
            );
        }
        Ok(client)
    }

    /// The cached client of the environment `env_id` (current: every edit and delete of an
    /// environment calls [`Self::invalidate`]).
    pub fn by_id(&self, env_id: &str) -> Option<Client> {
        let clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        clients.get(env_id).map(|(_, _, c)| c.clone())
    }

    /// Drops every client, closing their idle connections (before the Sandbox shuts down, so
    /// its graceful shutdown does not wait on them).
    pub fn clear(&self) {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        self.generation.fetch_add(1, Ordering::SeqCst);
        clients.clear();
    }

    /// Drops the client of `env_id` (after an edit or delete: the secret may have changed).
    pub fn invalidate(&self, env_id: &str) {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        self.generation.fetch_add(1, Ordering::SeqCst);
        clients.remove(env_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::environments::{CallbackMode, Label};

    fn env(url: &str) -> Environment {
        Environment {
            id: "env_1".into(),
            name: "Acme".into(),
            env_url: url.into(),
            client_id: "skc_1".into(),
            label: Label::Dev,
            is_sandbox: false,
            created_at: "2026-11-30T00:00:00Z".into(),
            last_used_at: None,
            callback_mode: CallbackMode::DeepLink,
        }
    }

    #[test]
    fn a_client_read_before_an_edit_is_used_once_not_kept() {
        let cache = ClientCache::default();
        let seen = cache.generation();
        cache
            .get_or_build(&env("https://a.example.com"), "s", seen)
            .unwrap();
        assert!(cache.by_id("env_1").is_some());

        // A call read the environment, then it was edited (its client dropped), then the call
        // builds from what it read: that client serves the call but is not cached.
        let seen = cache.generation();
        cache.invalidate("env_1");
        cache
            .get_or_build(&env("https://a.example.com"), "s", seen)
            .unwrap();
        assert!(cache.by_id("env_1").is_none());

        let seen = cache.generation();
        cache
            .get_or_build(&env("https://b.example.com"), "s", seen)
            .unwrap();
        assert!(cache.by_id("env_1").is_some());
        cache.clear();
        assert!(cache.by_id("env_1").is_none());
    }
}
