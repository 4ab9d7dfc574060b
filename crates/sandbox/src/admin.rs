//! The admin handle: the operations of the `/_sandbox/*` endpoints, for tests and the app.

use crate::error::{Error, Result};
use crate::faults::Faults;
use crate::journal::JournalEntry;
use crate::state::AppState;
use agentkit_wire::ConnectorStatus;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A cheap, cloneable handle on a running Sandbox's state.
#[derive(Clone)]
pub struct Admin {
    pub(crate) state: AppState,
}

impl std::fmt::Debug for Admin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Admin")
            .field("url", &self.state.url)
            .finish()
    }
}

/// How much the Sandbox holds, as `GET /_sandbox/counts` reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub connections: usize,
    pub tools: usize,
    pub accounts: usize,
    /// Accounts per `ConnectorStatus` name.
    pub accounts_by_status: BTreeMap<String, usize>,
    pub custom_providers: usize,
    pub mcp_configs: usize,
    pub mcp_instances: usize,
    /// Magic links not used yet (expired ones included until they are swept).
    pub pending_auth_links: usize,
    /// Consents waiting for `VerifyConnectedAccountUser`.
    pub pending_verifications: usize,
}

impl Admin {
    /// The Sandbox's base URL.
    pub fn url(&self) -> &str {
        &self.state.url
    }

    /// Replaces the fault knobs.
    pub fn set_faults(&self, faults: Faults) {
        self.state.faults.set(faults);
    }

    /// The fault knobs in force, with what is left of their counters.
    pub fn faults(&self) -> Faults {
        self.state.faults.get()
    }

    /// Back to the seeded state (accounts, custom providers, MCP configs and instances, pending
    /// authorizations). Tokens, faults and the journal are kept.
    pub fn reset(&self) {
        self.state.reset();
    }

    /// Marks an account `EXPIRED`, as when the provider revokes or expires its token.
    pub fn expire_account(&self, id: &str) -> Result<()> {
        self.state.write(|store| {
            let record = store
                .account_mut(id)
                .ok_or_else(|| Error::AccountNotFound(id.to_string()))?;
            let now = chrono::Utc::now();
            record.account.status = ConnectorStatus::Expired;
            record.account.token_expires_at = Some(now);
            record.account.updated_at = Some(now);
            Ok(())
        })
    }

    /// Every issued access token becomes invalid: the next call with one answers 401.
    pub fn expire_tokens(&self) {
        self.state.tokens.expire_all();
    }

    /// The journaled requests, oldest first.
    pub fn journal(&self) -> Vec<JournalEntry> {
        self.state.journal.entries(None)
    }

    /// Empties the journal.
    pub fn clear_journal(&self) {
        self.state.journal.clear();
    }

    /// What the Sandbox holds.
    pub fn counts(&self) -> Counts {
        let store = self.state.store.read();
        Counts {
            connections: self.state.catalog.connectors().len(),
            tools: self.state.catalog.tools().len(),
            accounts: store.accounts.len(),
            accounts_by_status: store.status_counts(),
            custom_providers: store.custom_providers.len(),
            mcp_configs: store.mcp_configs.len(),
            mcp_instances: store.mcp_instances.len(),
            pending_auth_links: store.auth_links.values().filter(|l| !l.used).count(),
            pending_verifications: store.verifications.len(),
        }
    }
}
