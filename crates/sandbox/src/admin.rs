//! The admin handle: the operations of the `/_sandbox/*` endpoints, for tests and the app.

use crate::error::{Error, Result};
use crate::faults::Faults;
use crate::journal::JournalEntry;
use crate::state::{bulk, AppState};
use agentkit_wire::ConnectorStatus;
use rand::rngs::SmallRng;
use rand::{Rng as _, SeedableRng as _};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Instant;

/// The most accounts one [`Admin::seed_accounts`] call adds.
pub const MAX_SEED_ACCOUNTS: usize = 1_000_000;

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

/// What [`Admin::seed_accounts`] did, as `POST /_sandbox/accounts/seed` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedReport {
    /// Accounts added.
    pub added: usize,
    /// Accounts the Sandbox holds now.
    pub accounts: usize,
    /// Time taken, in milliseconds (generation and insertion; with a data file, the HTTP
    /// answer also waits for the commit).
    pub elapsed_ms: u64,
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

    /// Adds `count` generated connected accounts, spread over the catalog's connections, mostly
    /// `ACTIVE` (with PENDING_AUTH, EXPIRED, PENDING_VERIFICATION and DISCONNECTED ones), with
    /// email or user-id identifiers and credentials of each connection's kind. `rng_seed` makes
    /// the accounts repeatable; `reset` removes them. Generation runs outside the store's lock;
    /// only the insertion holds it.
    pub fn seed_accounts(&self, count: usize, rng_seed: Option<u64>) -> Result<SeedReport> {
        if count == 0 || count > MAX_SEED_ACCOUNTS {
            return Err(Error::InvalidRequest(format!(
                "count must be between 1 and {MAX_SEED_ACCOUNTS}, not {count}"
            )));
        }
        let connectors = self.state.catalog.connectors();
        if connectors.is_empty() {
            return Err(Error::InvalidRequest(
                "the catalog has no connections".into(),
            ));
        }
        let started = Instant::now();
        let first = self.state.write(|store| store.reserve_seqs(count as u64));
        let mut rng = SmallRng::seed_from_u64(rng_seed.unwrap_or_else(|| rand::rng().random()));
        let now = chrono::Utc::now();
        let records: Vec<_> = (first..first + count as u64)
            .map(|seq| {
                let connector = &connectors[rng.random_range(0..connectors.len())];
                bulk::account(&mut rng, seq, connector, now)
            })
            .collect();
        let (added, accounts) = self.state.write(|store| {
            store.reserve_accounts(records.len());
            let mut added = 0;
            for record in records {
                let a = &record.account;
                let taken = store.account(&a.id).is_some()
                    || store.account_by_key(&a.connector, &a.identifier).is_some();
                if !taken {
                    store.insert_account(record);
                    added += 1;
                }
            }
            (added, store.accounts.len())
        });
        Ok(SeedReport {
            added,
            accounts,
            elapsed_ms: started.elapsed().as_millis().try_into().unwrap_or(u64::MAX),
        })
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
        self.state.journal.entries()
    }

    /// Empties the journal.
    pub fn clear_journal(&self) {
        self.state.journal.clear();
    }

    /// How many connected accounts the Sandbox holds (cheaper than [`Self::counts`]).
    pub fn account_count(&self) -> usize {
        self.state.store.read().accounts.len()
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
