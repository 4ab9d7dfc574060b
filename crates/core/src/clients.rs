//! One AgentKit client per environment, reused so tokens stay cached between calls.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use agentkit::redact::Redactor;
use agentkit::Client;

use crate::environments::Environment;
use crate::history::HistorySink;
use crate::Result;

/// Control-plane timeout for calls the UI makes.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Clients by environment id, rebuilt when the URL or client id changes.
#[derive(Debug, Default)]
pub struct ClientCache {
    clients: Mutex<HashMap<String, (String, String, Client)>>,
    history: Option<HistorySink>,
}

impl ClientCache {
    /// A cache whose clients record every exchange in the history.
    pub fn recording(history: HistorySink) -> Self {
        Self {
            clients: Mutex::default(),
            history: Some(history),
        }
    }

    /// The cached client of `env`, or a new one built with `secret`.
    pub fn get_or_build(&self, env: &Environment, secret: &str) -> Result<Client> {
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
        clients.insert(
            env.id.clone(),
            (env.env_url.clone(), env.client_id.clone(), client.clone()),
        );
        Ok(client)
    }

    /// Whether a client for `env_id` is cached (a secret lookup can be skipped).
    pub fn cached(&self, env: &Environment) -> Option<Client> {
        let clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        clients
            .get(&env.id)
            .filter(|(url, id, _)| *url == env.env_url && *id == env.client_id)
            .map(|(_, _, c)| c.clone())
    }

    /// The cached client of the environment `env_id`, whatever it was built from (callers
    /// rely on [`Self::invalidate`] being called on every edit and delete).
    pub fn by_id(&self, env_id: &str) -> Option<Client> {
        let clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        clients.get(env_id).map(|(_, _, c)| c.clone())
    }

    /// Drops every client, closing their idle connections (before the Sandbox shuts down, so
    /// its graceful shutdown does not wait on them).
    pub fn clear(&self) {
        self.clients
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// Drops the client of `env_id` (after an edit or delete: the secret may have changed).
    pub fn invalidate(&self, env_id: &str) {
        self.clients
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(env_id);
    }
}
