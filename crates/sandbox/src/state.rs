//! The shared state of a running Sandbox: the immutable catalog, the mutable store behind one
//! lock, issued tokens, faults, the journal and write-through to the data file.

pub(crate) mod bulk;
mod db;
mod migrate;
pub(crate) mod persist;
mod records;
mod seed;
mod store;
mod tokens;
mod tracked;

pub(crate) use db::Db;
pub(crate) use migrate::prepare as prepare_data_file;

pub(crate) use persist::Persister;
pub(crate) use records::{
    AccountRecord, AuthLink, McpConfigRecord, McpInstanceRecord, Verification,
};
pub(crate) use seed::seed_time;
pub(crate) use store::Store;
pub(crate) use tokens::TokenStore;

use crate::catalog::Catalog;
use crate::faults::FaultEngine;
use crate::journal::Journal;
use parking_lot::RwLock;
use std::sync::Arc;
use std::time::Duration;

/// Handle to the state, cloned into every handler.
pub(crate) type AppState = Arc<Shared>;

pub(crate) struct Shared {
    /// `http://host:port`, no trailing slash.
    pub url: String,
    pub catalog: Arc<Catalog>,
    pub store: RwLock<Store>,
    pub tokens: TokenStore,
    pub faults: FaultEngine,
    pub journal: Journal,
    pub client_id: String,
    pub client_secret: String,
    pub token_ttl: Duration,
    pub magic_link_ttl: Duration,
    /// HMAC key of MCP session tokens, random per Sandbox.
    pub signing_key: [u8; 32],
    pub persist: Option<Persister>,
}

impl Shared {
    /// How long magic links issued now live: the `magic_link_ttl` knob, else the configured one.
    pub(crate) fn link_ttl(&self) -> Duration {
        self.faults.magic_link_ttl().unwrap_or(self.magic_link_ttl)
    }

    /// Runs a mutation of the store and, with a data file, queues what it changed for the
    /// writer before the lock is released (so the file sees writes in the order they were
    /// made). The request being handled is answered once that is committed (see `persist`).
    /// Every change of the store goes through here.
    pub(crate) fn write<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let mut store = self.store.write();
        let result = f(&mut store);
        match &self.persist {
            Some(p) => {
                p.enqueue(store.take_changes());
            }
            None => store.forget_changes(),
        }
        result
    }

    /// The seeded state for this Sandbox.
    pub(crate) fn seeded_store(&self) -> Store {
        seed::seed(&self.catalog, &self.url, &self.seed_secret())
    }

    /// Seeds derive the MCP instance URL token from this, so the seeded URL is stable for one
    /// Sandbox (reset restores it exactly) without being guessable from the source.
    fn seed_secret(&self) -> String {
        self.client_secret.clone()
    }

    /// Back to the seeded state.
    pub(crate) fn reset(&self) {
        let seeded = self.seeded_store();
        self.write(|store| store.replace(seeded));
    }
}
